package io.syncline.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of toString() and problem messages: values under password/secret/token/API
 * key-like keys (and hash salts: who knows the salt can hash guesses and match them), and the
 * password part of {@code scheme://user:password@host} URLs.
 */
final class Redaction {

    static final String MASK = "******";
    private static final List<String> SECRET_KEY_PARTS =
            List.of("password", "passwd", "secret", "token", "apikey", "credential", "jaas", "privatekey", "salt");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)([^/@\\s]+)@");

    private Redaction() {
    }

    /** {@code password}, {@code apiKey}, {@code api_key}, {@code ssl.keystore.password}, {@code sasl.jaas.config}, … */
    static boolean isSecretKey(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_KEY_PARTS.stream().anyMatch(normalized::contains);
    }

    /** A copy for printing: secret values masked, URL passwords masked. */
    static Map<String, String> masked(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        values.forEach((key, value) -> masked.put(key, isSecretKey(key) ? MASK : maskUrlPassword(value)));
        return Collections.unmodifiableMap(masked);
    }

    static String maskUrlPassword(String value) {
        return value == null ? null : URL_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
    }

    /** Every secret value in the tree, longest first, for scrubbing messages. */
    static Set<String> secretsIn(YamlNode root) {
        Set<String> secrets = new TreeSet<>((a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b));
        collect(root, false, secrets);
        return secrets;
    }

    private static void collect(YamlNode node, boolean underSecretKey, Set<String> secrets) {
        if (node instanceof YamlNode.Mapping mapping) {
            mapping.entries().forEach(entry -> collect(entry.value(), underSecretKey || isSecretKey(entry.key()), secrets));
        } else if (node instanceof YamlNode.Sequence sequence) {
            sequence.items().forEach(item -> collect(item, underSecretKey, secrets));
        } else if (node instanceof YamlNode.Scalar scalar && !scalar.isEmpty()) {
            if (underSecretKey) {
                secrets.add(scalar.text());
            }
            Matcher url = URL_PASSWORD.matcher(scalar.text());
            while (url.find()) {
                secrets.add(url.group(2));
            }
        }
    }

    /** The message with every secret value replaced by the mask. */
    static String scrub(String message, Set<String> secrets) {
        String scrubbed = message;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, MASK);
        }
        return scrubbed;
    }
}
