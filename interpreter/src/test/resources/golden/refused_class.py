# Valid Python outside the subset is refused at compile time, by name.
print("never printed")
class Point:
    pass
