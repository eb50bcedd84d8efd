package io.syncline.sink.elasticsearch;

import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import java.util.List;

/** Transport responses with only a status code, for the exceptions the Elasticsearch client raises. */
final class TransportResponses {
    private TransportResponses() {
    }

    static TransportHttpClient.Response withStatus(int status) {
        return new TransportHttpClient.Response() {
            @Override
            public TransportHttpClient.Node node() {
                return null;
            }

            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public List<String> headers(String name) {
                return List.of();
            }

            @Override
            public BinaryData body() {
                return null;
            }

            @Override
            public Object originalResponse() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
