# An exception in a thread is reported as threading's excepthook does; the program goes on.
from threading import Thread

def fail(n):
    return n // 0

t = Thread(target=fail, args=(1,))
t.start()
t.join()
print("main goes on")
