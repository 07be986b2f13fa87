# Only the built-in modules of the subset can be imported; the refusal comes before any output.
print("never printed")
import os
