package org.rclab.interp.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into tokens, with Python's layout rules: a NEWLINE ends each logical
 * line, INDENT and DEDENT mark changes of indentation, and lines inside brackets or after a
 * backslash join the line before. Blank lines and comments produce nothing.
 */
public final class Lexer {
    private static final String THREE_CHAR_OPS = "**=//=>>=<<=";
    private static final String[] TWO_CHAR_OPS = {"**", "//", "==", "!=", "<=", ">=", "<<", ">>", "+=", "-=",
        "*=", "/=", "%=", "&=", "|=", "^=", "->", ":="};
    private static final String ONE_CHAR_OPS = "+-*/%<>=()[]{},:.;&|^~@";

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private final ArrayDeque<Integer> indents = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;

    private Lexer(final String source) {
        this.source = source.endsWith("\n") ? source : source + "\n";
        indents.push(0);
    }

    /**
     * Tokenizes a whole module.
     *
     * @param source the source text
     * @return the tokens, ending with {@link Token.Kind#EOF}
     * @throws PySyntaxError at the first malformed token or inconsistent dedent
     */
    public static List<Token> tokenize(final String source) {
        final Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        boolean atLineStart = true;
        while (pos < source.length()) {
            if (atLineStart && depth == 0) {
                if (!indentation()) {
                    continue;
                }
                atLineStart = false;
            }
            final char c = source.charAt(pos);
            if (c == '\n') {
                if (depth == 0) {
                    add(Token.Kind.NEWLINE, "\n", pos);
                    atLineStart = true;
                }
                newLine(pos + 1);
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '\\' && pos + 1 < source.length() && source.charAt(pos + 1) == '\n') {
                newLine(pos + 2);
            } else if (Character.isJavaIdentifierStart(c) && c != '$') {
                name();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < source.length()
                    && Character.isDigit(source.charAt(pos + 1)))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(pos);
            } else {
                operator();
            }
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != Token.Kind.NEWLINE) {
            add(Token.Kind.NEWLINE, "\n", pos);
        }
        while (indents.peek() > 0) {
            indents.pop();
            add(Token.Kind.DEDENT, "", pos);
        }
        add(Token.Kind.EOF, "", pos);
    }

    /** Measures a line's indentation; returns false (having skipped it) for a blank or comment line. */
    private boolean indentation() {
        int width = 0;
        int p = pos;
        while (p < source.length() && (source.charAt(p) == ' ' || source.charAt(p) == '\t')) {
            width = source.charAt(p) == '\t' ? (width / 8 + 1) * 8 : width + 1;
            p++;
        }
        if (p >= source.length()) {
            pos = p;
            return false;
        }
        final char c = source.charAt(p);
        if (c == '\n' || c == '#' || c == '\r') {
            pos = p;
            if (c == '#') {
                skipComment();
            }
            if (pos < source.length() && source.charAt(pos) == '\r') {
                pos++;
            }
            if (pos < source.length() && source.charAt(pos) == '\n') {
                newLine(pos + 1);
            }
            return false;
        }
        pos = p;
        if (width > indents.peek()) {
            indents.push(width);
            add(Token.Kind.INDENT, "", pos);
        } else {
            while (width < indents.peek()) {
                indents.pop();
                add(Token.Kind.DEDENT, "", pos);
            }
            if (width != indents.peek()) {
                throw error(pos, "unindent does not match any outer indentation level");
            }
        }
        return true;
    }

    private void skipComment() {
        while (pos < source.length() && source.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void newLine(final int next) {
        pos = next;
        line++;
        lineStart = next;
    }

    private void name() {
        final int start = pos;
        while (pos < source.length() && Character.isJavaIdentifierPart(source.charAt(pos))
                && source.charAt(pos) != '$') {
            pos++;
        }
        final String text = source.substring(start, pos);
        if (pos < source.length() && (source.charAt(pos) == '"' || source.charAt(pos) == '\'')) {
            final String prefix = text.toLowerCase();
            if (prefix.equals("r")) {
                string(start);
                return;
            }
            if (prefix.contains("f")) {
                throw new PySyntaxError(line, start - lineStart + 1,
                        "f-strings are outside the rclab subset (use print with several arguments, or str())",
                        true);
            }
            if (prefix.contains("b") || prefix.contains("u") || prefix.contains("r")) {
                throw new PySyntaxError(line, start - lineStart + 1,
                        "string prefix '" + text + "' is outside the rclab subset", true);
            }
        }
        add(Token.Kind.NAME, text, start);
    }

    private void number() {
        final int start = pos;
        boolean isFloat = false;
        if (source.startsWith("0x", pos) || source.startsWith("0X", pos) || source.startsWith("0o", pos)
                || source.startsWith("0O", pos) || source.startsWith("0b", pos) || source.startsWith("0B", pos)) {
            pos += 2;
            while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
                pos++;
            }
        } else {
            while (pos < source.length()) {
                final char c = source.charAt(pos);
                if (Character.isDigit(c) || c == '_') {
                    pos++;
                } else if (c == '.' && !isFloat) {
                    isFloat = true;
                    pos++;
                } else if ((c == 'e' || c == 'E') && pos + 1 < source.length()) {
                    isFloat = true;
                    pos++;
                    if (source.charAt(pos) == '+' || source.charAt(pos) == '-') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
        }
        if (pos < source.length() && Character.isJavaIdentifierStart(source.charAt(pos))) {
            throw error(pos, source.charAt(pos) == 'j' || source.charAt(pos) == 'J'
                    ? "complex numbers are outside the rclab subset" : "invalid decimal literal");
        }
        add(isFloat ? Token.Kind.FLOAT : Token.Kind.INT, source.substring(start, pos).replace("_", ""), start);
    }

    private void string(final int start) {
        final boolean raw = source.charAt(start) != '"' && source.charAt(start) != '\'';
        int p = raw ? start + 1 : start;
        final char quote = source.charAt(p);
        final boolean triple = source.startsWith(String.valueOf(quote).repeat(3), p);
        p += triple ? 3 : 1;
        final StringBuilder value = new StringBuilder();
        final int startLine = line;
        final int startCol = start - lineStart + 1;
        while (true) {
            if (p >= source.length()) {
                throw new PySyntaxError(startLine, startCol, triple
                        ? "unterminated triple-quoted string literal" : "unterminated string literal", false);
            }
            final char c = source.charAt(p);
            if (c == '\n') {
                if (!triple) {
                    throw new PySyntaxError(startLine, startCol, "unterminated string literal", false);
                }
                value.append(c);
                newLine(p + 1);
                p = pos;
                continue;
            }
            if (c == quote && (!triple || source.startsWith(String.valueOf(quote).repeat(3), p))) {
                p += triple ? 3 : 1;
                break;
            }
            if (c == '\\' && p + 1 < source.length()) {
                final char e = source.charAt(p + 1);
                if (raw) {
                    value.append(c).append(e);
                } else {
                    switch (e) {
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        case 'r' -> value.append('\r');
                        case '0' -> value.append('\0');
                        case '\\' -> value.append('\\');
                        case '\'' -> value.append('\'');
                        case '"' -> value.append('"');
                        case '\n' -> { }
                        default -> value.append(c).append(e);
                    }
                }
                if (e == '\n') {
                    newLine(p + 2);
                    p = pos;
                } else {
                    p += 2;
                }
                continue;
            }
            value.append(c);
            p++;
        }
        tokens.add(new Token(Token.Kind.STRING, value.toString(), startLine, startCol));
        pos = p;
    }

    private void operator() {
        final int start = pos;
        String op = null;
        if (pos + 3 <= source.length()) {
            final String three = source.substring(pos, pos + 3);
            for (int i = 0; i < THREE_CHAR_OPS.length(); i += 3) {
                if (THREE_CHAR_OPS.startsWith(three, i)) {
                    op = three;
                }
            }
        }
        if (op == null && pos + 2 <= source.length()) {
            final String two = source.substring(pos, pos + 2);
            for (final String candidate : TWO_CHAR_OPS) {
                if (candidate.equals(two)) {
                    op = two;
                }
            }
        }
        if (op == null && ONE_CHAR_OPS.indexOf(source.charAt(pos)) >= 0) {
            op = String.valueOf(source.charAt(pos));
        }
        if (op == null) {
            throw error(pos, "invalid character '" + source.charAt(pos) + "'");
        }
        switch (op) {
            case "(", "[", "{" -> depth++;
            case ")", "]", "}" -> {
                if (depth == 0) {
                    throw error(pos, "unmatched '" + op + "'");
                }
                depth--;
            }
            default -> { }
        }
        pos += op.length();
        add(Token.Kind.OP, op, start);
    }

    private void add(final Token.Kind kind, final String text, final int at) {
        tokens.add(new Token(kind, text, line, at - lineStart + 1));
    }

    private PySyntaxError error(final int at, final String message) {
        return new PySyntaxError(line, at - lineStart + 1, message, false);
    }
}
