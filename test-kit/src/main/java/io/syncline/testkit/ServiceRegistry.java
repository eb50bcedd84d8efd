package io.syncline.testkit;

import io.syncline.testkit.docker.DockerDetection;
import io.syncline.testkit.local.LocalOptions;
import io.syncline.testkit.local.RunningService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Resolves each service once, remembers failures so later tests fail fast, stops all at exit. */
final class ServiceRegistry {
    private final Map<ServiceType<?>, Resolved<?>> resolved = new HashMap<>();
    private final List<AutoCloseable> toStop = Collections.synchronizedList(new ArrayList<>());

    ServiceRegistry() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "syncline-test-kit-shutdown"));
    }

    @SuppressWarnings("unchecked")
    synchronized <E> E get(ServiceType<E> type) {
        Resolved<E> r = (Resolved<E>) resolved.computeIfAbsent(type, t -> resolve(type));
        if (r.failure != null) {
            throw new ServiceUnavailableException(r.failure.getMessage(), r.failure);
        }
        return r.endpoint;
    }

    synchronized String providerOf(ServiceType<?> type) {
        Resolved<?> r = resolved.get(type);
        return r == null ? null : r.provider;
    }

    private <E> Resolved<E> resolve(ServiceType<E> type) {
        String configured = System.getProperty(type.systemProperty(), System.getenv(type.environmentVariable()));
        if (configured != null && !configured.isBlank()) {
            String provider = "configured endpoint";
            try {
                E endpoint = type.parseConfigured(configured.trim());
                announce(type, provider, "from " + type.environmentVariable() + " / -D" + type.systemProperty() + ": " + endpoint);
                return new Resolved<>(endpoint, provider, null);
            } catch (RuntimeException e) {
                return failed(type, provider, "the value of " + type.environmentVariable() + " is not valid: " + e.getMessage(), e);
            }
        }
        String provider = DockerDetection.available() ? "Testcontainers" : "local server";
        try {
            RunningService<E> running = provider.equals("Testcontainers")
                    ? type.startContainer()
                    : type.startLocal(LocalOptions.ephemeral(type.displayName().toLowerCase()));
            toStop.add(running);
            announce(type, provider, running.detail());
            return new Resolved<>(running.endpoint(), provider, null);
        } catch (Exception | LinkageError e) {
            return failed(type, provider, String.valueOf(e.getMessage()), e);
        }
    }

    private <E> Resolved<E> failed(ServiceType<E> type, String provider, String why, Throwable cause) {
        String message = type.displayName() + " is unavailable (" + provider + "): " + why + "\n  What to do: " + type.installHint();
        System.err.println("[syncline-test-kit] " + message);
        return new Resolved<>(null, provider, new ServiceUnavailableException(message, cause));
    }

    private static void announce(ServiceType<?> type, String provider, String detail) {
        // Printed (not logged) so it shows in every build log, whatever logging the test module configures.
        System.err.println("[syncline-test-kit] " + type.displayName() + " served by " + provider + ": " + detail);
    }

    private void stopAll() {
        List<AutoCloseable> stopping = new ArrayList<>(toStop);
        Collections.reverse(stopping);
        for (AutoCloseable service : stopping) {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("[syncline-test-kit] stopping " + service + " failed: " + e);
            }
        }
    }

    private record Resolved<E>(E endpoint, String provider, ServiceUnavailableException failure) {
    }
}
