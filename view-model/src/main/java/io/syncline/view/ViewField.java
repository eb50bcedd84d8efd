package io.syncline.view;

public record ViewField(String name, FieldType type) {
}
