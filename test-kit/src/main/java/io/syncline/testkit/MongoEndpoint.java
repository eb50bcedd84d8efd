package io.syncline.testkit;

/** Something that speaks the MongoDB wire protocol: real mongod, or mongo-java-server locally. */
public record MongoEndpoint(String connectionString) {
    @Override
    public String toString() {
        return connectionString;
    }
}
