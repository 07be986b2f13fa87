# A NameError two calls deep: the traceback names every frame.
def inner(k):
    return k + undefined_name

def outer():
    return inner(1)

print("before")
outer()
print("never printed")
