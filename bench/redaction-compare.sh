#!/usr/bin/env bash
# Byte-for-byte comparison of two builds of `pledge redact`: the generated sample, randomly mutated sample lines,
# random bytes, invalid UTF-8, very long lines, JSON lines, every operator, re-redacted output and piped input.
# Each case runs both builds and compares output and --report; any difference fails the script.
# Usage: bench/redaction-compare.sh BASE_CLI_DLL NEW_CLI_DLL [SIZE]   (default 200MB; needs python3)
# Build the base from another commit with: git archive main | tar -x -C /tmp/base && /tmp/base/pledge --help
set -euo pipefail
base="$1" new="$2" size="${3:-200MB}"
work="${TMPDIR:-/tmp}/pledge-redaction-compare"
mkdir -p "$work"
cd "$work"
dotnet "$new" redact --generate-sample "$size" --sample-known-values known.txt > sample.log
head -c 20000000 sample.log > small.log

python3 - <<'PY'
import json, os, random
rng = random.Random(20240315)
lines = open("small.log", "rb").read().split(b"\n")
alphabet = b"0123456789abcdefABCDEFxyzXYZ.:@-_/\\=\"'<>*+()[]%, \t#;~!" + bytes([0xc3, 0xa9, 0xe2, 0x80, 0x8b, 0xff, 0xfe, 0x80])

def mutate(line):
    b = bytearray(line)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        i = rng.randrange(len(b) + 1)
        if op == 0 and b:
            del b[min(i, len(b) - 1)]
        elif op == 1:
            b[i:i] = bytes([rng.choice(alphabet)])
        elif op == 2 and b:
            b[min(i, len(b) - 1)] = rng.choice(alphabet)
        elif op == 3 and b:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randint(1, 40)]
        elif op == 4:
            other = rng.choice(lines)
            k = rng.randrange(len(other) + 1)
            b[i:i] = other[k:k + rng.randint(1, 60)]
        else:
            b[i:i] = rng.choice([b"<EMAIL>", b"<IPV4>", b"****", b"<HOSTNAME:k1:3f9a2c1b7d4e5f60>", b"***@", b"::", b"\\\\", b"user=", b"\"login\":\""])
    return bytes(b)

with open("mutated.log", "wb") as f:
    for _ in range(300_000):
        f.write(mutate(rng.choice(lines)) + b"\n")

with open("random.bin", "wb") as f:
    f.write(os.urandom(8_000_000))

with open("random-alphabet.log", "wb") as f:
    f.write(bytes(rng.choice(alphabet) for _ in range(8_000_000)))

with open("invalid-utf8.log", "wb") as f:
    for line in lines[:200_000]:
        b = bytearray(line)
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(b) + 1)
            b[i:i] = rng.choice([b"\xff", b"\xc3", b"\xe2\x80", b"\x80\x80", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\xc0\xaf"])
        f.write(bytes(b) + b"\n")

with open("long-lines.log", "wb") as f:
    f.write(b" ".join(lines[:100_000]) + b"\n")
    f.write(os.urandom(3_000_000).hex().encode() + b"\n")
    import base64
    f.write(base64.b64encode(os.urandom(6_000_000)) + b"\n")
    f.write(b"1.2.3.4." * 200_000 + b"\n")
    f.write(b"a@b." * 200_000 + b"\n")
    f.write(b"anna.berg@example.com" * 100_000 + b"\n")
    f.write(b"x" * 5_000_000 + b"\n")

with open("events.jsonl", "wb") as f:
    for i, line in enumerate(lines[:200_000]):
        text = line.decode("utf-8", "replace")
        obj = {"ts": i, "message": text, "user": text.split(" ")[-1], "detail": {"host": text[:40], "list": [text[-30:], i, None, True]}}
        s = json.dumps(obj, ensure_ascii=(i % 2 == 0))
        if i % 97 == 0:
            s = s[: len(s) // 2]
        f.write(s.encode() + b"\n")
PY

fail=0
# check NAME INPUT ARGS...: runs both builds on INPUT (a file, or '-' for a pipe from cat) and compares.
check() {
  local name="$1" input="$2"; shift 2
  for side in base new; do
    local dll="$base"; [[ $side == new ]] && dll="$new"
    if [[ "$input" == pipe:* ]]; then
      cat "${input#pipe:}" | dotnet "$dll" redact "$@" --report > "$name.$side.out" 2> "$name.$side.report" || true
    else
      dotnet "$dll" redact "$@" --report "$input" > "$name.$side.out" 2> "$name.$side.report" || true
    fi
  done
  if cmp -s "$name.base.out" "$name.new.out" && cmp -s "$name.base.report" "$name.new.report"; then
    printf "same     %-28s %12s bytes out\n" "$name" "$(stat -c %s "$name.new.out")"
  else
    printf "DIFFERS  %-28s\n" "$name"; fail=1
  fi
  rm -f "$name.base.out"
}

export PLEDGE_REDACTION_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f PLEDGE_REDACTION_KEY_ID=k1
check sample sample.log --known-values known.txt
check sample-email-ipv4 sample.log --detect email,ipv4
check sample-no-known sample.log
for op in mask remove pseudonym partial; do
  check "small-$op" small.log --known-values known.txt --operator "$op"
done
check small-mixed small.log --known-values known.txt --operator mask --operator email=pseudonym,ipv4=partial,card=partial
check small-piped pipe:small.log --known-values known.txt
for f in mutated random-alphabet invalid-utf8 long-lines; do
  check "$f" "$f.log" --known-values known.txt
  check "$f-partial" "$f.log" --known-values known.txt --operator partial
done
check random random.bin --known-values known.txt
check jsonl-sample sample.log --jsonl --known-values known.txt
check jsonl-events events.jsonl --jsonl --known-values known.txt
check jsonl-keys events.jsonl --jsonl --keys message,user=username,detail
cp sample.new.out sample.redacted.log
check re-redacted sample.redacted.log --known-values known.txt
for op in mask pseudonym; do
  dotnet "$new" redact --known-values known.txt --operator "$op" small.log > "small-$op.redacted.log"
  check "re-redacted-$op" "small-$op.redacted.log" --known-values known.txt --operator "$op"
done
check re-redacted-mutated mutated.new.out --known-values known.txt
rm -f ./*.new.out
if (( fail )); then echo "outputs differ"; exit 1; fi
echo "all outputs identical"
