# A syntax error is reported before anything runs.
print("never printed")
x = = 1
