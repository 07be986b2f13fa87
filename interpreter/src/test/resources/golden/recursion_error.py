# Deep recursion works to the limit; past it, a RecursionError with CPython's folded traceback.
def down(k):
    if k == 0:
        return 0
    return 1 + down(k - 1)

print(down(990))

def forever(k):
    return forever(k + 1)

forever(0)
