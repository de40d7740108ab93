# Writes codes.tsv from the upstream facts file (upstream-codes.md, kept outside this
# repository): python3 testdata/upstream/extract.py > testdata/upstream/codes.tsv.
# The tables it reads, and the columns, are listed in T; SKIP says what is left out and why.
import os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, '../../../shared/sources/upstream-codes.md')).read().split('\n')
# table header line (1-based) -> config
# kinds: ('code', col, system, provider, channel) ; ('msg', col, system, expect) where expect is
#  'col:N' (first UPPER_SNAKE or backticked code in that column, in system), 'rec' (record of this row's code),
#  a literal entry code, or '' (any entry)
T = {
 43:  dict(sys='kmsg', code=[0], msg=[1,2], expect='code'),
 96:  dict(sys='kmsg', prov='iwinv', chan='sms', code=[0], msg=[1], expect='rec'),
 139: dict(sys='kmsg', prov='iwinv', chan='alimtalk', code=[0]),
 169: dict(sys='kmsg', prov='aligo', code=[0]),
 188: dict(sys='kmsg', prov='aligo', chan='kakao-channel', code=[0]),
 203: dict(sys='kmsg', prov='solapi', code=[0]),
 239: dict(sys='kmsg', msg=[2], expect='col:1'),
 251: dict(sys='kmsg', msg=[2], expect='col:1'),
 279: dict(sys='kmsg', msg=[0], expect='col:1'),
 380: dict(sys='kmsg', msg=[0], expect='CRYPTO_CONFIG_ERROR'),
 406: dict(sys='kmsg', msg=[1], expect='INVALID_REQUEST'),
 424: dict(sys='kmsg', msg=[0], expect='INVALID_REQUEST'),
 433: dict(sys='kmsg', msg=[0], expect=''),
 520: dict(sys='kmsg', code=[0], codefmt='exit-{}'),
 543: dict(sys='kmsg', code=[0], msg=[2], expect='code'),
 555: dict(sys='kmsg', code=[0], msg=[1], expect='code'),
 594: dict(sys='kmsg', prov='solapi', code=[0], msg=[2,3], expect='rec'),
 617: dict(sys='kmsg', prov='solapi', code=[0], msg=[2], expect='rec'),
 709: dict(sys='kirim', prov='meta', code=[0], msg=[1], expect='rec'),
 807: dict(sys='kirim', code=[2]),
 854: dict(sys='kirim', code=[0], code2=(1,'meta','')),
 900: dict(sys='kakao-share', code=[0]),
 924: dict(sys='kakao-share', msg=[0], expect='col:1'),
 943: dict(sys='kakao-share', code=[0,3,4]),
 1027: dict(sys='kakao-share', msg=[1], expect=''),
}
span = re.compile(r'(`+)\s?(.+?)\s?\1(?!`)')
def cells(line):
    # split on | not inside backticks
    out, cur, tick = [], '', 0
    i = 0
    s = line.strip()[1:-1] if line.strip().endswith('|') else line.strip()[1:]
    while i < len(s):
        ch = s[i]
        if ch == '`':
            j = i
            while j < len(s) and s[j] == '`': j += 1
            n = j - i
            if tick == 0: tick = n
            elif tick == n: tick = 0
            cur += s[i:j]; i = j; continue
        if ch == '|' and tick == 0:
            out.append(cur.strip()); cur = ''
        else:
            cur += ch
        i += 1
    out.append(cur.strip())
    return out
def spans(cell):
    return [m.group(2) for m in span.finditer(cell)]
fieldish = re.compile(r'^[a-z][A-Za-z0-9_.?]*$')
def norm_tmpl(s):
    # ${...} -> {v}; keep balanced braces inside ${ }
    out, i = '', 0
    while i < len(s):
        if s.startswith('${', i):
            depth, j = 1, i + 2
            while j < len(s) and depth:
                if s[j] == '{': depth += 1
                elif s[j] == '}': depth -= 1
                j += 1
            out += '{v}'; i = j
        elif s[i] == '$' and i + 1 < len(s) and (s[i+1].isalpha() or s[i+1] == '_'):
            j = i + 1
            while j < len(s) and (s[j].isalnum() or s[j] == '_'): j += 1
            out += '{v}'; i = j  # Dart's $name
        else:
            out += s[i]; i += 1
    return out
# rows left out on purpose: (line, value) -> reason
SKIP = {
 (214, 'Error'): 'a plain JavaScript Error, not a code',
 (522, 'exit-0'): 'success',
 (304, '{v} (code: {v})'): 'a format with no fixed words',
 (557, 'CapabilityNotSupportedError'): 'a class name: the code row of CAPABILITY_NOT_SUPPORTED looks it up',
 (624, 'HTTP_${status}'): 'a family of codes; HTTP_429 and the like are records',
 (626, 'HTTP_${status}'): 'a family of codes; HTTP_429 and the like are records',
 (932, '요청 실패'): ('a heading, not a message: the share picker page, SOLAPI\'s NetworkError and k-msg\'s '
                  'URL fetch all print these two words; the line under it on the picker page identifies -401'),
}
EXPECT = {  # (line, value) -> expect, where the table's column does not say it plainly
 (242, 'Mock provider simulated failure'): 'PROVIDER_ERROR',
 (934, '{"errorType":"AccessDeniedError","message":"domain mismatched! caller=http://localhost:3000. check out registered web domains."}'): '-401',
}
rows = []
for hl, cfg in T.items():
    i = hl + 1  # separator line index (0-based hl is header)
    j = hl + 1
    while j < len(src) and src[j].startswith('|'):
        if re.match(r'^\|[-| :]+\|$', src[j].strip()):
            j += 1; continue
        c = cells(src[j]); ln = j + 1
        codes = []
        for col in cfg.get('code', []):
            if col < len(c):
                vals = spans(c[col]) or re.findall(r'(?<![\w-])-?\d+(?:-\d+)?(?![\w])', c[col]) if not spans(c[col]) else spans(c[col])
                for v in vals:
                    v = v.strip()
                    if ' ' in v and not re.match(r'^-?\d+$', v): continue
                    if cfg.get('codefmt'): v = cfg['codefmt'].format(v)
                    codes.append(v)
        chan = cfg.get('chan','')
        if c and '(On-Premises)' in c[0]:
            chan = 'on-premises'
        for v in codes:
            rows.append(('code', cfg['sys'], cfg.get('prov',''), chan, v, '', ln))
        if 'code2' in cfg:
            k, p, ch = cfg['code2']
            if re.match(r'^-?\d+$', c[k]):
                rows.append(('code', cfg['sys'], p, ch, c[k], '', ln))
        for col in cfg.get('msg', []):
            if col >= len(c): continue
            for v in spans(c[col]):
                if fieldish.match(v) and '_' not in v[:1]: continue
                if len(v.replace(' ','')) < 4: continue
                exp = cfg.get('expect','')
                if exp == 'code': exp = codes[0] if codes else ''
                elif exp == 'rec': exp = 'record:' + (codes[0] if codes else '')
                elif exp.startswith('col:'):
                    k = int(exp[4:]); m = re.search(r'`?(-?\d+|[A-Z][A-Z0-9_]{3,}|KOE\d+)`?', c[k]) if k < len(c) else None
                    exp = m.group(1) if m else ''
                rows.append(('message', cfg['sys'], cfg.get('prov',''), chan, norm_tmpl(v), exp, ln))
        j += 1
print('# Every code and exact message of the tables of the upstream facts file (upstream-codes.md),')
print('# one a line: kind, system, provider, channel, value, expect, line of the facts file.')
print('# A message\'s {v} is a part that varies. expect: the entry code the message belongs to,')
print('# "record:CODE" for the provider record of the row\'s code, or empty for any entry.')
print('# Lines starting with "-" are left out on purpose, with the reason after "#".')
def fragment(v):
    if v.startswith('\\n') or v.startswith('context:'): return 'a fragment of a longer output, not a message'
    if re.fullmatch(r'[0-9a-f]{8}', v): return 'a commit id'
    if re.fullmatch(r'[\w.-]+\.(com|ts|dart|swift)', v) or '/' in v and ' ' not in v and not v.startswith('http'): return 'a host or file name'
    if re.fullmatch(r'[A-Z][A-Za-z]+(\.\w+\(\))?', v) and ('.' in v or v.endswith('Failed')): return 'a method or case name, not a message'
    if re.fullmatch(r'[\w.]+\.(toString|fromJson)(\(\))?', v): return 'a method name'
    if re.search(r'[A-Za-z]{3}|[가-힣]{2}', re.sub(r'\{v\}', '', v)) is None: return 'a format with no fixed words'
    if v.startswith(('enum ', 'ErrorInfo {', 'AuthErrorInfo {', '{code: <int>', 'Result.expect', 'Error(message')): return 'a type shape, not a message'
    if v == 'RetryHandler' or v == '-401' or v == '{"name":"KAPIError","msg":"…","code":-401}': return 'a name or placeholder, not a message'
    return ''
for r in rows:
    key = (r[6], r[4])
    if r[0] == 'message' and key not in SKIP and fragment(r[4]):
        SKIP[key] = fragment(r[4])
    if key in EXPECT:
        r = r[:5] + (EXPECT[key],) + r[6:]
    if key in SKIP:
        print('-' + '\t'.join([r[0], r[1], r[2], r[3], r[4], r[5], str(r[6])]) + '\t# ' + SKIP[key])
        continue
    print('\t'.join([r[0], r[1], r[2], r[3], r[4].replace('\t',' '), r[5], str(r[6])]))
