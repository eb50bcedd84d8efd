package io.syncline.testkit;

import java.net.URI;

/** An Elasticsearch 8.x node over plain HTTP, security disabled, single node (use 0 replicas). */
public record ElasticsearchEndpoint(URI url) {
    @Override
    public String toString() {
        return url.toString();
    }
}
