package io.syncline.cdc;

import java.util.ArrayList;
import java.util.List;

/**
 * The elements of a one-dimensional PostgreSQL array in its text output ({@code {a,"b c",NULL}}),
 * each as its element type's own text output, null for {@code NULL}: the form pgoutput sends and
 * Debezium parses.
 */
final class ArrayLiteral {
    private ArrayLiteral() {
    }

    static List<String> elements(String text) {
        int start = text.startsWith("[") ? text.indexOf('=') + 1 : 0; // explicit bounds: [0:2]={...}
        if (start <= 0 && text.startsWith("[") || text.charAt(start) != '{' || !text.endsWith("}")) {
            throw new IllegalArgumentException("not an array literal: " + abbreviate(text));
        }
        List<String> elements = new ArrayList<>();
        int i = start + 1;
        int end = text.length() - 1;
        if (i == end) {
            return elements;
        }
        while (i <= end) {
            char c = text.charAt(i);
            if (c == '{') {
                throw new IllegalArgumentException("multi-dimensional arrays are not supported: " + abbreviate(text));
            }
            StringBuilder element = new StringBuilder();
            boolean quoted = c == '"';
            if (quoted) {
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(text.charAt(i++));
                }
                i++; // closing quote
            } else {
                while (text.charAt(i) != ',' && i < end) {
                    element.append(text.charAt(i++));
                }
            }
            String value = element.toString();
            elements.add(!quoted && value.equals("NULL") ? null : value);
            i++; // the comma, or past the closing brace
        }
        return elements;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
