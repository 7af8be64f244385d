#!/usr/bin/env python3
"""Give every PERSON line of the person lists a prominence rank, from its
role attribute, so that resolution can choose between namesakes (a family
name or given name shared by several listed people).

usage: prominence.py LIST.tsv ...    (rewrites the files in place)

  prominence=1  heads of state and government (president, prime minister,
                king, emir, supreme leader, chancellor, pope ...)
  prominence=2  other office holders and political or armed-group
                leaders (ministers, vice-presidents, crown princes,
                heads of international bodies, party and militia leaders,
                spokespeople, envoys, commanders ...)
  prominence=3  everyone else (relatives of leaders, clerics, writers,
                athletes, business people, people without a role)

Lower is more prominent. Lines keep their order and columns; an existing
prominence pair is replaced, so the script can run again after edits.
OVERRIDE holds the ids whose role attribute does not tell their rank.
"""
import sys

HEADS = {'president', 'prime-minister', 'king', 'queen', 'emir', 'sultan',
         'supreme-leader', 'leader', 'chancellor', 'premier', 'emperor', 'shah',
         'caliph', 'pope', 'dictator'}

OFFICE = {'vice-president', 'crown-prince', 'deputy-prime-minister', 'minister',
          'foreign-minister', 'defense-minister', 'interior-minister', 'finance-minister',
          'oil-minister', 'energy-minister', 'information-minister', 'secretary-of-state',
          'defense-secretary', 'defence-secretary', 'foreign-secretary', 'treasury-secretary',
          'health-secretary', 'commerce-secretary', 'homeland-security-secretary',
          'secretary-general', 'deputy-secretary-general', 'under-secretary-general',
          'director-general', 'managing-director', 'executive-director', 'high-representative',
          'high-commissioner', 'commissioner-general', 'party-leader', 'opposition-leader',
          'political-leader', 'speaker', 'militant-leader', 'rebel-leader', 'militia-leader',
          'regional-president', 'regional-leader', 'general-guide', 'national-security-adviser',
          'national-security', 'cia-director', 'fbi-director', 'intelligence-director',
          'intelligence', 'security-chief', 'nuclear-chief', 'central-bank-governor',
          'chief-of-staff', 'attorney-general', 'governor', 'mayor', 'senator',
          'representative', 'judiciary', 'judge', 'prosecutor', 'ambassador', 'envoy',
          'spokesperson', 'military', 'commander', 'official', 'un-official', 'diplomat',
          'politician', 'adviser', 'chief-adviser', 'negotiator', 'coordinator', 'rapporteur',
          'security-council', 'inspector', 'administrator', 'chairperson', 'chairman'}

# ids whose role does not give their rank (none so far: add "person/x": N)
OVERRIDE = {}


def rank(ident, attrs):
    if ident in OVERRIDE:
        return OVERRIDE[ident]
    role = next((a[5:] for a in attrs if a.startswith('role=')), '')
    return 1 if role in HEADS else 2 if role in OFFICE else 3


def ranked(line):
    cols = line.split('\t')
    if line.startswith('#') or len(cols) < 3 or cols[1] != 'PERSON':
        return line
    attrs = [a for a in (cols[3].split(';') if len(cols) > 3 else []) if a]
    attrs = [a for a in attrs if not a.startswith('prominence=')]
    attrs.append(f'prominence={rank(cols[2], attrs)}')
    return '\t'.join(cols[:3] + [';'.join(attrs)])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(ranked(l) for l in lines))


if __name__ == '__main__':
    main()
