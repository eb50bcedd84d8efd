# The syncline daemon. Build from the repository root: docker build -t syncline .
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests -pl syncline-cli -am package \
 && mkdir /out && cp syncline-cli/target/syncline-cli-*.jar /out/syncline.jar && cp -r syncline-cli/target/lib /out/lib

FROM eclipse-temurin:17-jre
RUN groupadd --system syncline && useradd --system --gid syncline --home-dir /var/lib/syncline syncline \
 && mkdir -p /var/lib/syncline /etc/syncline && chown syncline:syncline /var/lib/syncline
COPY --from=build /out/ /opt/syncline/
# GET /health/ready through bash's /dev/tcp: the image has no curl or wget to rely on.
COPY scripts/docker-healthcheck.sh /opt/syncline/healthcheck.sh
USER syncline
# Offsets, the embedded broker's data and Streams state live here: keep it on a volume.
ENV SYNCLINE_STATE_DIR=/var/lib/syncline
VOLUME ["/var/lib/syncline"]
WORKDIR /var/lib/syncline
# The daemon's HTTP endpoint (http.address, default 127.0.0.1:9464); healthy while /health/ready is 200.
# Set SYNCLINE_HTTP_PORT when http.address uses another port, SYNCLINE_HTTP_TOKEN when http.token is set.
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=10s --start-period=180s --retries=4 CMD ["/opt/syncline/healthcheck.sh"]
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/syncline/syncline.jar"]
# Mount the pipeline file at /etc/syncline/pipeline.yaml.
CMD ["run", "-c", "/etc/syncline/pipeline.yaml"]
