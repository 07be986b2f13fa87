# One thread spins until another sets a flag. Under a GIL this ends only because the spinning
# thread passes the eval breaker on its loop's back-edge and drops the lock when asked.
from threading import Thread

done = False

def spin():
    n = 0
    while not done:
        n += 1

def setter():
    global done
    done = True

t = Thread(target=spin)
t.start()
s = Thread(target=setter)
s.start()
s.join()
t.join()
print("handed over")
