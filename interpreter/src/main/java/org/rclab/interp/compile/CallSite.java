package org.rclab.interp.compile;

/**
 * What a {@link Op#CALL} needs beyond its opcode.
 *
 * @param argc positional arguments on the stack
 * @param keywords names of the keyword arguments that follow them on the stack (empty if none)
 * @param method for {@code receiver.method(...)}, the method's name; {@code null} for a plain call
 */
public record CallSite(int argc, String[] keywords, String method) {
}
