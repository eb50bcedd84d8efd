package io.syncline.sink;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The sink factories on the classpath, by type. */
public final class SinkFactories {
    private final Map<String, SinkFactory> byType = new TreeMap<>();

    private SinkFactories() {
    }

    public static SinkFactories discover() {
        SinkFactories factories = new SinkFactories();
        for (SinkFactory factory : ServiceLoader.load(SinkFactory.class)) {
            factories.byType.put(factory.type(), factory);
        }
        return factories;
    }

    public java.util.Set<String> types() {
        return byType.keySet();
    }

    /** The factory for a type; an unknown type is an error naming the available ones. */
    public SinkFactory forType(String type) {
        SinkFactory factory = byType.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("unknown sink type '" + type + "'; available: " + String.join(", ", byType.keySet()));
        }
        return factory;
    }
}
