# The int-specialised instructions of `n -= 1` and `while n > 0:` (a local and a small-int
# constant), on their fast path and past every guard that sends them to the generic one: a float,
# a bool, an int past a long, a result that overflows a long, and each ordering comparison. A body
# that ends with `n -= 1` or `n += k` before its own test runs the test in the same instruction
# (INPLACE_FAST_SMALL_INT_THEN_TEST): `climb` overflows there, `two_locals` tests another local.

def countdown(n):
    while n > 0:
        n -= 1
    return n

def count_up(n, stop):
    while n < stop:
        n += 3
    return n

def shrink(n):
    while n > 5:
        n -= 1
        n = n // 4294967296
    return n

def climb(n):
    while n > 0:
        if n == 9223372036854775809:
            break
        n += 1
    return n

def two_locals(n):
    i = 0
    while n > 0:
        n -= 1
        i += 2
    return n, i

def past_the_long(top, bottom):
    top += 1
    bottom -= 1
    return top, bottom, top - 1, bottom + 1

def loops(n):
    seen = []
    i = n
    while i <= 3:
        i += 1
    seen.append(i)
    i = n
    while i == 0:
        i += 1
    seen.append(i)
    i = n
    while i != 5:
        i += 1
    seen.append(i)
    i = 10
    while i >= n:
        i -= 1
    seen.append(i)
    i = 10
    while i > n:
        i -= 2
    seen.append(i)
    return seen

print(countdown(1000), countdown(2.5), countdown(True), countdown(2**70 - 2**70 + 300))
print(count_up(0, 10), count_up(0.5, 10), count_up(-7, 0))
print(shrink(2**64), shrink(2**40))
print(climb(9223372036854775805), climb(-3), two_locals(5), two_locals(-1))
print(past_the_long(9223372036854775807, -9223372036854775808))
print(loops(0), loops(1.0))
