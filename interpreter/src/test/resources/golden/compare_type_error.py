# The loop test that fuses a local and a constant raises, and releases what it held.
def countdown(n):
    while n>0:
        n -= 1
    return n

print(countdown(3))
print(countdown('three'))
