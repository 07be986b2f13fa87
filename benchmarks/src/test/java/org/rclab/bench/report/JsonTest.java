package org.rclab.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsNestedValuesInDocumentOrder() {
        final Object value = Json.parse("{\"b\": [1, 2.5e1, -3], \"a\": {\"t\": true, \"f\": false, \"n\": null}}");
        final Map<?, ?> root = (Map<?, ?>) value;
        assertEquals(List.of("b", "a"), List.copyOf(root.keySet()));
        assertEquals(List.of(1.0, 25.0, -3.0), root.get("b"));
        final Map<?, ?> a = (Map<?, ?>) root.get("a");
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(Boolean.FALSE, a.get("f"));
        assertTrue(a.containsKey("n"));
        assertNull(a.get("n"));
    }

    @Test
    void decodesStringEscapes() {
        assertEquals("a\"b\\c/d\ne\tf×", Json.parse("\"a\\\"b\\\\c\\/d\\ne\\tf\\u00d7\""));
    }

    @Test
    void readsEmptyContainers() {
        assertEquals(List.of(), Json.parse(" [ ] "));
        assertEquals(Map.of(), Json.parse("{}"));
    }

    @Test
    void namesTheOffsetOfAnError() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, }"));
        assertTrue(e.getMessage().contains("offset 4"), e.getMessage());
    }

    @Test
    void rejectsTrailingText() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[] []"));
    }

    @Test
    void rejectsUnterminatedString() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[\"abc"));
    }
}
