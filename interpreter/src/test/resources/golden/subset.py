# Every construct of the subset, printed the way CPython prints it.
import time
from threading import Lock

x = 7
y = 2
print(x + y, x - y, x * y, x / y, x // y, x % y, x ** y, -x, +x, ~x)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, 2 ** -1, 1 << 70, (1 << 70) >> 69, 6 & 3, 6 | 3, 6 ^ 3)
big = 2 ** 100
print(big, big * big, big - big, big // 3, big % 7, -big)
print(9223372036854775807 + 1, -9223372036854775808 - 1, 3037000500 * 3037000500)
print(1.5, 0.1 + 0.2, 1e16, 1e-5, 123456789.123, 2.0 ** 0.5, 1 / 3, 10 / 2, 1e300 * 1e10, -0.0)
print(True, False, None, True + True, True == 1, 1 == 1.0)
print(3 < 5, 3 <= 3, 3 > 5, 3 >= 3, 3 == 3, 3 != 3, 1 < 2 < 3, 1 < 3 < 2, "a" < "b")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, not 0, not 1, None is None, x is not None)
s = "hello"
print(s, len(s), s[1], s[-1], s + " world", s * 2, s.upper(), "  pad ".strip(), "a,b,c".split(","))
print("-".join(["a", "b", "c"]), s.startswith("he"), s.endswith("x"), s.replace("l", "L"), s.find("l"))
print("x" in s, "e" in s, "it's", 'say "hi"', repr("it's"), str(42), int("12") + 1, int(3.9), float("1.5"))
lst = [1, 2, 3]
lst.append(4)
lst[0] = 10
lst[1] += 5
print(lst, len(lst), lst[-1], lst.pop(), lst, 2 in lst, 7 in lst, lst + [9], [0] * 3)
lst.extend([5, 6])
print(lst, lst.index(5), lst.count(3), sum(lst), min(lst), max(lst), min(3, 1, 2), max("a", "b"))
t = (1, "two", 3.0)
print(t, t[1], len(t), (1,), (), t + (4,))
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
[p, q] = [1, 2]
print(p, q)
d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] += 10
print(d, len(d), d["two"], d.get("four"), d.get("four", 4), "one" in d, list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k])
print(d.pop("two"), d, {}, {1: [1, 2], (1, 2): "t"})
n = 0
total = 0
while True:
    n += 1
    if n % 2 == 0:
        continue
    if n > 9:
        break
    total += n
print("odd sum", total)
for i in range(3):
    print("i", i)
for i in range(10, 0, -3):
    print("down", i)
for ch in "ab":
    print(ch)
for v in [1, 2, 3]:
    if v == 2:
        print("two")
    elif v == 3:
        print("three")
    else:
        print("other")
print(list(range(5)), range(2, 5), len(range(0, 10, 3)), tuple([1, 2]), sum(range(101)))
def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("bob"), greet("amy", "hi"), greet("cy", punct="?"), greet(greeting="yo", name="di"))
counter = 0
def bump():
    global counter
    counter += 1
bump()
bump()
print("counter", counter)
def fact(k):
    if k <= 1:
        return 1
    return k * fact(k - 1)
print(fact(30))
def nothing():
    pass
print(nothing(), 1 if x > 5 else 2, abs(-3), abs(-2.5), bool([]), bool([0]))
lock = Lock()
lock.acquire()
print(lock.locked())
lock.release()
start = time.perf_counter()
time.sleep(0.01)
print("slept", time.perf_counter() - start >= 0.01, time.time() > 0)
