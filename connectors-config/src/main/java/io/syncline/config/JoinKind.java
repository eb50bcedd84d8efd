package io.syncline.config;

/** How a joined table relates to the rows it is joined into. */
public enum JoinKind {
    /** Many-to-one: each row points to at most one joined row (order -> customer); embedded as an object. */
    ONE,
    /** One-to-many: many joined rows point back to each row (order -> items); embedded as an array. */
    MANY
}
