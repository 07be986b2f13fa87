package org.rclab.interp.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the subset, with Python's precedence. Constructs of Python that
 * the subset leaves out are refused here, by name, at their position ({@link PySyntaxError} with
 * {@code unsupported} set), so nothing outside the subset ever half-runs.
 */
public final class Parser {
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");
    private static final Set<String> REFUSED_STATEMENTS = Set.of("class", "try", "with", "del", "assert", "raise",
            "nonlocal", "async", "lambda", "yield", "await");
    private static final Set<String> AUGMENTED = Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=",
            "^=", "<<=", ">>=");
    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", "!=", "<=", ">=");

    private final List<Token> tokens;
    private int pos;

    private Parser(final List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses a module.
     *
     * @param source the source text
     * @return the module's statements
     * @throws PySyntaxError at the first error or refused construct
     */
    public static List<Node> parseModule(final String source) {
        final Parser parser = new Parser(Lexer.tokenize(source));
        final List<Node> body = new ArrayList<>();
        while (parser.peek().kind() != Token.Kind.EOF) {
            parser.statement(body);
        }
        return body;
    }

    // ---------------------------------------------------------------- statements

    private void statement(final List<Node> out) {
        final Token t = peek();
        if (t.kind() == Token.Kind.INDENT) {
            throw syntax(t, "unexpected indent");
        }
        if (t.kind() == Token.Kind.NAME) {
            switch (t.text()) {
                case "if" -> {
                    out.add(ifStatement());
                    return;
                }
                case "while" -> {
                    next();
                    final Node test = expression();
                    final List<Node> body = block();
                    refuseElse("while");
                    out.add(new Node.While(t.line(), t.col(), test, body));
                    return;
                }
                case "for" -> {
                    next();
                    final Node target = targetList();
                    expect("in");
                    final Node iter = expressionList();
                    final List<Node> body = block();
                    refuseElse("for");
                    out.add(new Node.For(t.line(), t.col(), target, iter, body));
                    return;
                }
                case "def" -> {
                    out.add(functionDef());
                    return;
                }
                default -> {
                    if (REFUSED_STATEMENTS.contains(t.text())) {
                        throw unsupported(t, "'" + t.text() + "' is outside the rclab subset");
                    }
                }
            }
        }
        if (t.is("@")) {
            throw unsupported(t, "decorators are outside the rclab subset");
        }
        simpleStatements(out);
    }

    private void refuseElse(final String loop) {
        if (peek().is("else")) {
            throw unsupported(peek(), "'else' after '" + loop + "' is outside the rclab subset");
        }
    }

    private Node ifStatement() {
        final Token t = next();
        final Node test = expression();
        final List<Node> body = block();
        List<Node> orElse = List.of();
        if (peek().is("elif")) {
            orElse = List.of(ifStatement());
        } else if (peek().is("else")) {
            next();
            orElse = block();
        }
        return new Node.If(t.line(), t.col(), test, body, orElse);
    }

    private Node functionDef() {
        final Token t = next();
        final String name = name();
        expect("(");
        final List<String> params = new ArrayList<>();
        final List<Node> defaults = new ArrayList<>();
        while (!peek().is(")")) {
            final Token p = peek();
            if (p.is("*") || p.is("**") || p.is("/")) {
                throw unsupported(p, "'" + p.text() + "' parameters are outside the rclab subset");
            }
            final String param = name();
            if (params.contains(param)) {
                throw syntax(p, "duplicate argument '" + param + "' in function definition");
            }
            params.add(param);
            if (peek().is(":")) {
                throw unsupported(peek(), "annotations are outside the rclab subset");
            }
            if (peek().is("=")) {
                next();
                defaults.add(expression());
            } else if (!defaults.isEmpty()) {
                throw syntax(p, "non-default argument follows default argument");
            }
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        expect(")");
        if (peek().is("->")) {
            throw unsupported(peek(), "annotations are outside the rclab subset");
        }
        final List<Node> body = block();
        return new Node.FunctionDef(t.line(), t.col(), name, params, defaults, body);
    }

    private List<Node> block() {
        expect(":");
        final List<Node> body = new ArrayList<>();
        if (peek().kind() != Token.Kind.NEWLINE) {
            simpleStatements(body);
            return body;
        }
        next();
        if (peek().kind() != Token.Kind.INDENT) {
            throw syntax(peek(), "expected an indented block");
        }
        next();
        while (peek().kind() != Token.Kind.DEDENT && peek().kind() != Token.Kind.EOF) {
            statement(body);
        }
        if (peek().kind() == Token.Kind.DEDENT) {
            next();
        }
        return body;
    }

    private void simpleStatements(final List<Node> out) {
        while (true) {
            out.add(simpleStatement());
            if (!peek().is(";")) {
                break;
            }
            next();
            if (peek().kind() == Token.Kind.NEWLINE) {
                break;
            }
        }
        if (peek().kind() != Token.Kind.NEWLINE) {
            throw syntax(peek(), "invalid syntax");
        }
        next();
    }

    private Node simpleStatement() {
        final Token t = peek();
        if (t.kind() == Token.Kind.NAME) {
            switch (t.text()) {
                case "pass" -> {
                    next();
                    return new Node.Pass(t.line(), t.col());
                }
                case "break" -> {
                    next();
                    return new Node.Break(t.line(), t.col());
                }
                case "continue" -> {
                    next();
                    return new Node.Continue(t.line(), t.col());
                }
                case "return" -> {
                    next();
                    final Node value = peek().kind() == Token.Kind.NEWLINE || peek().is(";") ? null : expressionList();
                    return new Node.Return(t.line(), t.col(), value);
                }
                case "global" -> {
                    next();
                    final List<String> names = new ArrayList<>();
                    names.add(name());
                    while (peek().is(",")) {
                        next();
                        names.add(name());
                    }
                    return new Node.Global(t.line(), t.col(), names);
                }
                case "import" -> {
                    next();
                    final String module = dottedName();
                    String alias = null;
                    if (peek().is("as")) {
                        next();
                        alias = name();
                    }
                    if (peek().is(",")) {
                        throw unsupported(peek(), "import several modules on one line: use one import per line");
                    }
                    return new Node.Import(t.line(), t.col(), module, alias);
                }
                case "from" -> {
                    next();
                    final String module = dottedName();
                    expect("import");
                    final boolean paren = peek().is("(");
                    if (paren) {
                        next();
                    }
                    if (peek().is("*")) {
                        throw unsupported(peek(), "'import *' is outside the rclab subset");
                    }
                    final List<String> names = new ArrayList<>();
                    final List<String> aliases = new ArrayList<>();
                    do {
                        if (!names.isEmpty()) {
                            next();
                            if (paren && peek().is(")")) {
                                break;
                            }
                        }
                        final String n = name();
                        names.add(n);
                        if (peek().is("as")) {
                            next();
                            aliases.add(name());
                        } else {
                            aliases.add(n);
                        }
                    } while (peek().is(","));
                    if (paren) {
                        expect(")");
                    }
                    return new Node.ImportFrom(t.line(), t.col(), module, names, aliases);
                }
                default -> {
                    if (REFUSED_STATEMENTS.contains(t.text())) {
                        throw unsupported(t, "'" + t.text() + "' is outside the rclab subset");
                    }
                }
            }
        }
        final Node first = expressionList();
        final Token op = peek();
        if (op.is("=")) {
            final List<Node> targets = new ArrayList<>();
            Node value = first;
            while (peek().is("=")) {
                final Token eq = next();
                checkTarget(value, eq);
                targets.add(value);
                value = expressionList();
            }
            return new Node.Assign(t.line(), t.col(), targets, value);
        }
        if (op.kind() == Token.Kind.OP && AUGMENTED.contains(op.text())) {
            next();
            if (!(first instanceof Node.Name) && !(first instanceof Node.Subscript)) {
                throw syntax(t, "'" + describe(first) + "' is an illegal expression for augmented assignment");
            }
            final Node value = expressionList();
            return new Node.AugAssign(t.line(), t.col(), first, op.text().substring(0, op.text().length() - 1), value);
        }
        if (op.is(":")) {
            throw unsupported(op, "annotations are outside the rclab subset");
        }
        return new Node.ExprStmt(t.line(), t.col(), first);
    }

    private void checkTarget(final Node target, final Token at) {
        if (target instanceof Node.Name || target instanceof Node.Subscript) {
            return;
        }
        if (target instanceof Node.TupleExpr tuple) {
            tuple.items().forEach(item -> checkTarget(item, at));
            return;
        }
        if (target instanceof Node.ListExpr list) {
            list.items().forEach(item -> checkTarget(item, at));
            return;
        }
        if (target instanceof Node.Attribute) {
            throw new PySyntaxError(target.line(), target.col(),
                    "assigning to attributes is outside the rclab subset", true);
        }
        throw new PySyntaxError(target.line(), target.col(), "cannot assign to " + describe(target)
                + (at.is("=") ? " here. Maybe you meant '==' instead of '='?" : ""), false);
    }

    private static String describe(final Node n) {
        if (n instanceof Node.Literal) {
            return "literal";
        }
        if (n instanceof Node.Call) {
            return "function call";
        }
        return "expression";
    }

    private String dottedName() {
        final Token t = peek();
        final StringBuilder s = new StringBuilder(name());
        while (peek().is(".")) {
            next();
            s.append('.').append(name());
        }
        if (s.indexOf(".") >= 0) {
            throw unsupported(t, "no module named '" + s + "' in the rclab subset (time, threading, multiprocessing)");
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- expressions

    private Node targetList() {
        final Token t = peek();
        final Node first = bitOr();
        if (!peek().is(",")) {
            checkTarget(first, t);
            return first;
        }
        final List<Node> items = new ArrayList<>();
        items.add(first);
        while (peek().is(",")) {
            next();
            if (peek().is("in")) {
                break;
            }
            items.add(bitOr());
        }
        final Node tuple = new Node.TupleExpr(t.line(), t.col(), items);
        checkTarget(tuple, t);
        return tuple;
    }

    private Node expressionList() {
        final Token t = peek();
        final Node first = expression();
        if (!peek().is(",")) {
            return first;
        }
        final List<Node> items = new ArrayList<>();
        items.add(first);
        while (peek().is(",")) {
            next();
            if (endsExpressionList(peek())) {
                break;
            }
            items.add(expression());
        }
        return new Node.TupleExpr(t.line(), t.col(), items);
    }

    private static boolean endsExpressionList(final Token t) {
        return t.kind() == Token.Kind.NEWLINE || t.is("=") || t.is(")") || t.is(";") || t.is(":")
                || (t.kind() == Token.Kind.OP && AUGMENTED.contains(t.text()));
    }

    private Node expression() {
        final Token t = peek();
        if (t.is("lambda")) {
            throw unsupported(t, "'lambda' is outside the rclab subset");
        }
        final Node body = or();
        if (peek().is("if")) {
            next();
            final Node test = or();
            expect("else");
            final Node orElse = expression();
            return new Node.IfExp(t.line(), t.col(), test, body, orElse);
        }
        if (peek().is(":=")) {
            throw unsupported(peek(), "':=' is outside the rclab subset");
        }
        return body;
    }

    private Node or() {
        Node left = and();
        while (peek().is("or")) {
            final Token op = next();
            left = new Node.BoolOp(op.line(), op.col(), false, left, and());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is("and")) {
            final Token op = next();
            left = new Node.BoolOp(op.line(), op.col(), true, left, not());
        }
        return left;
    }

    private Node not() {
        if (peek().is("not")) {
            final Token op = next();
            return new Node.Unary(op.line(), op.col(), "not", not());
        }
        return comparison();
    }

    private Node comparison() {
        final Node first = bitOr();
        final List<String> ops = new ArrayList<>();
        final List<Node> rest = new ArrayList<>();
        while (true) {
            final Token t = peek();
            String op = null;
            if (t.kind() == Token.Kind.OP && COMPARISONS.contains(t.text())) {
                op = t.text();
                next();
            } else if (t.is("in")) {
                op = "in";
                next();
            } else if (t.is("not") && pos + 1 < tokens.size() && tokens.get(pos + 1).is("in")) {
                op = "not in";
                next();
                next();
            } else if (t.is("is")) {
                next();
                op = "is";
                if (peek().is("not")) {
                    next();
                    op = "is not";
                }
            }
            if (op == null) {
                break;
            }
            ops.add(op);
            rest.add(bitOr());
        }
        if (ops.isEmpty()) {
            return first;
        }
        return new Node.Compare(first.line(), first.col(), first, ops, rest);
    }

    private Node bitOr() {
        Node left = bitXor();
        while (peek().is("|")) {
            final Token op = next();
            left = new Node.Binary(op.line(), op.col(), "|", left, bitXor());
        }
        return left;
    }

    private Node bitXor() {
        Node left = bitAnd();
        while (peek().is("^")) {
            final Token op = next();
            left = new Node.Binary(op.line(), op.col(), "^", left, bitAnd());
        }
        return left;
    }

    private Node bitAnd() {
        Node left = shift();
        while (peek().is("&")) {
            final Token op = next();
            left = new Node.Binary(op.line(), op.col(), "&", left, shift());
        }
        return left;
    }

    private Node shift() {
        Node left = arith();
        while (peek().is("<<") || peek().is(">>")) {
            final Token op = next();
            left = new Node.Binary(op.line(), op.col(), op.text(), left, arith());
        }
        return left;
    }

    private Node arith() {
        Node left = term();
        while (peek().is("+") || peek().is("-")) {
            final Token op = next();
            left = new Node.Binary(op.line(), op.col(), op.text(), left, term());
        }
        return left;
    }

    private Node term() {
        Node left = factor();
        while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%") || peek().is("@")) {
            final Token op = next();
            if (op.is("@")) {
                throw unsupported(op, "'@' is outside the rclab subset");
            }
            left = new Node.Binary(op.line(), op.col(), op.text(), left, factor());
        }
        return left;
    }

    private Node factor() {
        final Token t = peek();
        if (t.is("-") || t.is("+") || t.is("~")) {
            next();
            return new Node.Unary(t.line(), t.col(), t.text(), factor());
        }
        return power();
    }

    private Node power() {
        final Node base = primary();
        if (peek().is("**")) {
            final Token op = next();
            return new Node.Binary(op.line(), op.col(), "**", base, factor());
        }
        return base;
    }

    private Node primary() {
        Node n = atom();
        while (true) {
            final Token t = peek();
            if (t.is("(")) {
                n = call(n);
            } else if (t.is("[")) {
                next();
                if (peek().is(":")) {
                    throw unsupported(peek(), "slices are outside the rclab subset");
                }
                final Node index = expressionList();
                if (peek().is(":")) {
                    throw unsupported(peek(), "slices are outside the rclab subset");
                }
                expect("]");
                n = new Node.Subscript(t.line(), t.col(), n, index);
            } else if (t.is(".")) {
                next();
                n = new Node.Attribute(t.line(), t.col(), n, name());
            } else {
                return n;
            }
        }
    }

    private Node call(final Node func) {
        final Token open = next();
        final List<Node> args = new ArrayList<>();
        final List<String> keywords = new ArrayList<>();
        final List<Node> values = new ArrayList<>();
        while (!peek().is(")")) {
            final Token t = peek();
            if (t.is("*") || t.is("**")) {
                throw unsupported(t, "'" + t.text() + "' arguments are outside the rclab subset");
            }
            if (t.kind() == Token.Kind.NAME && pos + 1 < tokens.size() && tokens.get(pos + 1).is("=")) {
                next();
                next();
                if (keywords.contains(t.text())) {
                    throw syntax(t, "keyword argument repeated: " + t.text());
                }
                keywords.add(t.text());
                values.add(expression());
            } else {
                if (!keywords.isEmpty()) {
                    throw syntax(t, "positional argument follows keyword argument");
                }
                args.add(expression());
                if (peek().is("for")) {
                    throw unsupported(peek(), "generator expressions are outside the rclab subset");
                }
            }
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        expect(")");
        return new Node.Call(open.line(), open.col(), func, args, keywords, values);
    }

    private Node atom() {
        final Token t = next();
        switch (t.kind()) {
            case INT:
                return new Node.Literal(t.line(), t.col(), parseInt(t));
            case FLOAT:
                return new Node.Literal(t.line(), t.col(), Double.parseDouble(t.text()));
            case STRING: {
                final StringBuilder s = new StringBuilder(t.text());
                while (peek().kind() == Token.Kind.STRING) {
                    s.append(next().text());
                }
                return new Node.Literal(t.line(), t.col(), s.toString());
            }
            case NAME:
                switch (t.text()) {
                    case "True":
                        return new Node.Literal(t.line(), t.col(), Boolean.TRUE);
                    case "False":
                        return new Node.Literal(t.line(), t.col(), Boolean.FALSE);
                    case "None":
                        return new Node.Literal(t.line(), t.col(), null);
                    default:
                        if (t.text().equals("lambda") || t.text().equals("yield") || t.text().equals("await")) {
                            throw unsupported(t, "'" + t.text() + "' is outside the rclab subset");
                        }
                        if (KEYWORDS.contains(t.text())) {
                            throw syntax(t, "invalid syntax");
                        }
                        return new Node.Name(t.line(), t.col(), t.text());
                }
            case OP:
                if (t.is("(")) {
                    if (peek().is(")")) {
                        next();
                        return new Node.TupleExpr(t.line(), t.col(), List.of());
                    }
                    final Node inner = expression();
                    if (peek().is("for")) {
                        throw unsupported(peek(), "generator expressions are outside the rclab subset");
                    }
                    if (peek().is(")")) {
                        next();
                        return inner;
                    }
                    final List<Node> items = new ArrayList<>();
                    items.add(inner);
                    while (peek().is(",")) {
                        next();
                        if (peek().is(")")) {
                            break;
                        }
                        items.add(expression());
                    }
                    expect(")");
                    return new Node.TupleExpr(t.line(), t.col(), items);
                }
                if (t.is("[")) {
                    final List<Node> items = new ArrayList<>();
                    while (!peek().is("]")) {
                        items.add(expression());
                        if (peek().is("for")) {
                            throw unsupported(peek(), "list comprehensions are outside the rclab subset");
                        }
                        if (!peek().is(",")) {
                            break;
                        }
                        next();
                    }
                    expect("]");
                    return new Node.ListExpr(t.line(), t.col(), items);
                }
                if (t.is("{")) {
                    final List<Node> keys = new ArrayList<>();
                    final List<Node> values = new ArrayList<>();
                    while (!peek().is("}")) {
                        keys.add(expression());
                        if (!peek().is(":")) {
                            throw unsupported(peek(), "set displays and comprehensions are outside the rclab subset");
                        }
                        next();
                        values.add(expression());
                        if (peek().is("for")) {
                            throw unsupported(peek(), "dict comprehensions are outside the rclab subset");
                        }
                        if (!peek().is(",")) {
                            break;
                        }
                        next();
                    }
                    expect("}");
                    return new Node.DictExpr(t.line(), t.col(), keys, values);
                }
                throw syntax(t, "invalid syntax");
            case INDENT:
                throw syntax(t, "unexpected indent");
            default:
                throw syntax(t, "invalid syntax");
        }
    }

    private Object parseInt(final Token t) {
        final String text = t.text().toLowerCase();
        final java.math.BigInteger value;
        try {
            if (text.startsWith("0x")) {
                value = new java.math.BigInteger(text.substring(2), 16);
            } else if (text.startsWith("0o")) {
                value = new java.math.BigInteger(text.substring(2), 8);
            } else if (text.startsWith("0b")) {
                value = new java.math.BigInteger(text.substring(2), 2);
            } else {
                if (text.length() > 1 && text.startsWith("0") && !text.chars().allMatch(c -> c == '0')) {
                    throw syntax(t, "leading zeros in decimal integer literals are not permitted");
                }
                value = new java.math.BigInteger(text);
            }
        } catch (final NumberFormatException e) {
            throw syntax(t, "invalid integer literal '" + t.text() + "'");
        }
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private void expect(final String s) {
        final Token t = peek();
        if (!t.is(s)) {
            if (s.equals(":") || t.kind() == Token.Kind.NEWLINE) {
                throw syntax(t, s.equals(":") ? "expected ':'" : "invalid syntax");
            }
            throw syntax(t, "invalid syntax");
        }
        next();
    }

    private String name() {
        final Token t = next();
        if (t.kind() != Token.Kind.NAME || KEYWORDS.contains(t.text())) {
            throw syntax(t, "invalid syntax");
        }
        return t.text();
    }

    private static PySyntaxError syntax(final Token t, final String message) {
        return new PySyntaxError(t.line(), t.col(), message, false);
    }

    private static PySyntaxError unsupported(final Token t, final String message) {
        return new PySyntaxError(t.line(), t.col(), message, true);
    }
}
