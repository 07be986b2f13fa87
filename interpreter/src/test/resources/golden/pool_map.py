# Pool workers re-run this module as __mp_main__: only the guarded part runs once.
from multiprocessing import Pool

def square(x):
    return x * x

def describe(name, values):
    return {"name": name, "sum": sum(values), "big": 2 ** 80}

loaded_as = __name__

def where(x):
    return loaded_as

if __name__ == '__main__':
    pool = Pool(processes=2)
    print("main runs as", loaded_as)
    print(pool.map(square, [1, 2, 3, 4]))
    print(pool.map(where, [1, 2]))
    r = pool.apply_async(describe, ("xs", [1, 2, 3]))
    print(r.get())
    pool.close()
    pool.join()
