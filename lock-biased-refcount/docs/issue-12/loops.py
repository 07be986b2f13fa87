"""Lists the loops of a C2 disassembly (one compilation cut out of a dump.sh log): for each
backward conditional branch, the instructions from its target to it, the array elements the body
handles (loads of the form [base+index*4+0x1?]) and the instructions per element, with the stack
and XMM moves (register-allocation spills) counted apart.

    python3 loops.py COMPILATION.txt
"""
import re
import sys

ins = []
for line in open(sys.argv[1]):
    m = re.match(r'\s+0x([0-9a-f]+):\s+(\S+)\s*([^;]*)', line)
    if m:
        ins.append((int(m.group(1), 16), m.group(2), m.group(3).strip()))
index = {a: i for i, (a, _, _) in enumerate(ins)}
for i, (a, op, arg) in enumerate(ins):
    if not op.startswith('j') or op == 'jmp' or not re.fullmatch(r'[0-9a-f]+h', arg):
        continue
    target = int(arg[:-1], 16)
    if target >= a or target not in index:
        continue
    body = ins[index[target]:i + 1]
    elements = sum(1 for _, _, x in body if re.search(r'\*4\+1[0-9a-f]h\]', x))
    if elements == 0:
        continue
    spills = sum(1 for _, o, x in body if o.startswith('vmov') or 'rsp' in x)
    print(f'loop {target:x}..{a:x}: {len(body)} instructions, {elements} element(s), '
          f'{len(body) / elements:.1f} per element, {spills} stack/XMM moves')
