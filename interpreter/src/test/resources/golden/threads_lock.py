# Two threads add to one list and one global under a lock.
from threading import Thread, Lock

lock = Lock()
shared = []
total = 0

def work(k, rounds):
    global total
    for i in range(rounds):
        lock.acquire()
        shared.append(k)
        total += i
        lock.release()

threads = [Thread(target=work, args=(1, 300)), Thread(target=work, args=(2, 300))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), total, shared.count(1), shared.count(2))
