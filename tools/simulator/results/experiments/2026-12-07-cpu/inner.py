import sys, json, collections, subprocess, re
f = sys.argv[1]; pat = re.compile(sys.argv[2]); depth = int(sys.argv[3]) if len(sys.argv) > 3 else 1
out = subprocess.run(['jfr', 'print', '--json', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', f], capture_output=True, text=True).stdout
ev = json.loads(out)['recording']['events']
c = collections.Counter(); n = 0
for e in ev:
    st = e['values'].get('stackTrace'); th = (e['values'].get('sampledThread') or {}).get('javaName', '')
    if not st or not th.startswith('executor-thread'): continue
    n += 1
    names = [fr['method']['type']['name'].replace('/', '.') + '.' + fr['method']['name'] for fr in st['frames']]
    idx = [i for i, x in enumerate(names) if pat.search(x)]
    if idx:
        i = idx[0]; c[' < '.join(names[i:i+depth])] += 1
for k, v in c.most_common(45): print(f'{v*100/n:5.1f}% {k}')
