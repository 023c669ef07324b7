#!/bin/sh
# Builds the seed corpora under fuzz/corpus/<target>/ (gitignored) from the project's
# fixtures and queries. Run from anywhere; idempotent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$here/corpus"
mkdir -p "$corpus/analyze" "$corpus/duration_eval" "$corpus/classifier" \
    "$corpus/query_splitter" "$corpus/masking" "$corpus/suppression_parser"

# analyze: <language byte><file-name byte><content>. Languages: 0 Python, 1 JavaScript,
# 2 TypeScript, 3 TSX, 4 Rust. Name byte 1 selects settings.py / server.mjs / main.ts / ...
# duration_eval: <language byte><content>. Languages: 0 Python, 1 JavaScript, 2 TypeScript, 3 Rust.
n=0
find "$root/fixtures" -type f \( -name '*.py' -o -name '*.js' -o -name '*.ts' -o -name '*.tsx' -o -name '*.rs' \) |
while read -r f; do
    case "$f" in
        *.py) a='\000'; d='\000' ;;
        *.js) a='\001'; d='\001' ;;
        *.tsx) a='\003'; d='\002' ;;
        *.ts) a='\002'; d='\002' ;;
        *.rs) a='\004'; d='\003' ;;
    esac
    case "$f" in
        *settings*|*config*) b='\001' ;;
        *) b='\000' ;;
    esac
    n=$((n + 1))
    { printf "$a$b"; cat "$f"; } > "$corpus/analyze/fixture-$n"
    { printf "$d"; cat "$f"; } > "$corpus/duration_eval/fixture-$n"
done

for s in 'patient.ssn' 'self.patient.date_of_birth' 'dateOfBirth' 'MRN' 'Option<&Patient>' \
    'fhir4.Observation' 'PatientRecord' 'user.email_address' 'icd10_code' 'HTTPServerIP' \
    'ÄrztBefund.geburtsDatum' 'x1y22z333'; do
    printf '%s' "$s" > "$corpus/classifier/$(printf '%s' "$s" | cksum | cut -d' ' -f1)"
done
for s in '7d' '15m' '1.5h' '2 days' '1h 30m' '500ms' '1_000' '0x10' '1e3' '900u64' '1_000n' "'7d'"; do
    printf '\000%s' "$s" > "$corpus/duration_eval/lit-$(printf '%s' "$s" | cksum | cut -d' ' -f1)"
done
i=0
for q in "$root"/queries/*/*.scm; do
    i=$((i + 1))
    cp "$q" "$corpus/query_splitter/q-$i"
done
for s in 'logger.info("ssn=%s", "123-45-6789")' 'email: "jane.doe@example.com",' \
    'patient.mrn_00123.name' 'x = {"555-0100": 1}'; do
    printf '%s' "$s" > "$corpus/masking/$(printf '%s' "$s" | cksum | cut -d' ' -f1)"
done

for s in '# phi-lint: ignore[PHI101] test fixture' '// phi-lint: ignore-file generated' \
    '/* PHI-LINT: Ignore[phi-logging, PHI2] -- reason */' '<!-- phi-lint: ignore -->' \
    '# phi-lint: ignore[PHI101' '# phi-lint:ignored' '{/* phi-lint: ignore[PHI7] — ok */}'; do
    printf '%s' "$s" > "$corpus/suppression_parser/$(printf '%s' "$s" | cksum | cut -d' ' -f1)"
done
echo "seeded $(find "$corpus" -type f | wc -l) files under $corpus"

# analyze: the pathological shapes of issue 21 (deep nesting, long chains, nested functions and
# generics, the TypeScript generics soup), 20,000 levels, one level per line. The fuzzer runs
# with -max_len large enough to keep them (fuzz/run.sh).
deep() { # deep FILE LANG-BYTE PREFIX OPEN LEAF CLOSE SUFFIX
    {
        printf "$2\000"
        printf '%b' "$3"
        awk -v s="$4" 'BEGIN { for (i = 0; i < 20000; i++) printf "%s\n", s }'
        printf '%s' "$5"
        awk -v s="$6" 'BEGIN { for (i = 0; i < 20000; i++) printf "%s\n", s }'
        printf '%b\n' "$7"
    } > "$corpus/analyze/deep-$1"
}
deep parens.py '\000' 'def f(patient):\n    print(' '(' 'patient.ssn' ')' ')'
deep calls.py '\000' 'def f(patient):\n    print(' 'f(' 'patient.ssn' ')' ')'
deep records.py '\000' 'def f(patient):\n    print(' "{'a':" 'patient.ssn' '}' ')'
deep lambdas.py '\000' 'def f(patient):\n    g = (' 'lambda a:' 'patient.ssn' '' ')'
deep attrs.py '\000' 'def f(patient):\n    print(patient' '.x' '.ssn' '' ')'
deep binops.py '\000' 'def f(patient):\n    print(patient.ssn' ' + a' '' '' ')'
deep generics.py '\000' 'def f(patient: ' 'List[' 'Patient' ']' '):\n    print(patient.ssn)'
deep arrows.js '\001' 'const g = ' 'a =>' 'console.log(patient.ssn)' '' ';'
deep records.js '\001' 'function f(patient) { console.log(' '{a:' 'patient.ssn' '}' '); }'
deep attrs.js '\001' 'function f(patient) { console.log(patient' '.x' '.ssn' '' '); }'
deep calls.ts '\002' 'function f(patient) { console.log(' 'f(' 'patient.ssn' ')' '); }'
deep generics.ts '\002' 'function f(patient: ' 'A<' 'Patient' '>' ') { console.log(patient.ssn); }'
deep soup.ts '\002' 'x = ' 'a<b,c>(' 'd' ')' ';\nfunction g(patient) { console.log(patient.ssn); }'
deep arrows.tsx '\003' 'const g = ' '(a: T) =>' 'console.log(patient.ssn)' '' ';'
deep macro.rs '\004' 'fn main() { info!("{}", ' '(' 'patient.ssn' ')' '); }'
deep closures.rs '\004' 'fn f(patient: &Patient) { let g = ' '|a|' 'patient.ssn' '' '; }'
deep generics.rs '\004' 'fn f(patient: ' 'Vec<' 'Patient' '>' ') { println!("{}", patient.ssn); }'
deep binops.rs '\004' 'fn f(patient: &Patient) { let x = patient.ssn' ' + a' '' '' '; }'
echo "seeded $(find "$corpus/analyze" -name 'deep-*' | wc -l) deep shapes under $corpus/analyze"
