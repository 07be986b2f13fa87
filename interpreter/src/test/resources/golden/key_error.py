ages = {"amy": 31}
print(ages["amy"])
print(ages["bob"])
