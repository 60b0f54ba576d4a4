"""phone numbers in a full-text index of their own on the laptop

Revision ID: 0024_phone_index
Revises: 0025_compact_times

Each phone number went into the index as a dozen digit tokens (every suffix of three or more of
its national digits, and its international digits), words found in no other document and each
in the three prefix lists too: half of a national register's index. The numbers now go into
``search_index_phones`` as their national digits three at a time, with a mark for how the
international digits relate to them (``data.register.search_phones``), and find exactly the
same documents; with them go the texts' words that start with a digit, so that digits typed are
looked for in that index alone. ``search_index`` keeps the texts. ``search_body`` keeps each
document's text, numbers and digit words (a layout byte first), from which both indexes'
documents are made again.

Every document is written again from the register's rows under its id, as a fresh rebuild would
write it. Only SQLite: PostgreSQL's index (a ``tsvector`` per document) is unchanged.
"""

import re
import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import phonenumbers
from alembic import op
from phonenumbers import NumberParseException

revision = "0024_phone_index"
down_revision = "0025_compact_times"
branch_labels = None
depends_on = None

# Copied from the program (data.storage.schema_extras, data.register.search_index and
# search_phones, domain.phones): a migration must not change when the program's code does.
_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
_TEXTS = f"CREATE VIRTUAL TABLE search_index USING fts5(body, content='', {_OPTIONS})"
_PHONES = (
    "CREATE VIRTUAL TABLE search_index_phones USING fts5(phones, content='', columnsize=0, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
)
_WINDOW_BITS = 12
_MEMORY_LEVEL = 5
_LAYOUT = b"\x02"  # with the preset dictionary
_DICTIONARY = (
    "Tilat Lokaler Premises "
    "Ruokahuolto Matförsörjning Catering "
    "Kuljetus Transport Transport "
    "Ensiapu Första hjälpen First aid "
    "Henkinen tuki Psykosocialt stöd Psychosocial support "
    "Haavoittuvien asukkaiden tavoittaminen Att nå sårbara invånare Reaching vulnerable residents "
    "Tiedottaminen Information Information "
    "Lastenhoito Barnomsorg Childcare "
    "Tulkkaus Tolkning Interpreting "
    "Varavoima Reservkraft Generators and power "
    "Lämmitys Uppvärmning Heating "
    "Vedenjakelu Vattenutdelning Water supply "
    "Viestiyhteydet (radio) Radiokommunikation Radio communications "
    "Kerhot ja tapahtumat Klubbar och evenemang Clubs and events "
    "Vertaistuki Kamratstöd Peer support "
    "Logistiikka Logistik Logistics "
    "Tietotekninen tuki IT-stöd IT support "
    "\x00+3584\x00+3585\x00+3589\x00+358"
).encode()

_FINNISH_E164 = re.compile(r"\+358[1-9]\d{3,13}")
_BATCH = 2000
_WHERE = "WHERE deleted_at IS NULL"
_ACTORS = (
    "SELECT id, name, area, description, basic_activity, address, email, website, phone "
    f"FROM actor {_WHERE}"
)
_CONTACTS = f"SELECT actor_id, name, role, email, radio, mobile, landline FROM contact {_WHERE}"
_CAPABILITIES = (
    f"SELECT actor_id, category_key, description, capacity_unit FROM capability {_WHERE}"
)
_FACILITIES = (
    f"SELECT actor_id, name, address, heating, backup_power_kind, notes FROM facility {_WHERE}"
)

Parts = list[tuple[str, str | None]]


def _national_digits(e164: str) -> str:
    if _FINNISH_E164.fullmatch(e164):
        return "0" + e164[4:]
    try:
        number = phonenumbers.parse(e164, "FI")
    except NumberParseException:
        return re.sub(r"\D", "", e164)
    if number.country_code == 358:
        return "0" + str(number.national_number)
    return re.sub(r"\D", "", e164)


def _search_tokens(e164: str) -> list[str]:
    national = _national_digits(e164)
    tokens = [national[i:] for i in range(len(national) - 2)]
    international = re.sub(r"\D", "", e164)
    if international not in tokens:
        tokens.append(international)
    return tokens


def _triples(digits: str) -> list[str]:
    return [digits[i : i + 3] for i in range(len(digits) - 2)]


def _number_terms(e164: str) -> list[str]:
    national = _national_digits(e164)
    international = re.sub(r"\D", "", e164)
    suffixes = {national[i:] for i in range(len(national) - 2)}
    if international in suffixes:
        mark = ["x"]
    elif len(national) >= 3 and national.startswith("0") and international == "358" + national[1:]:
        mark = ["q"]
    else:
        mark = ["xa" + international[:3]] + ["xb" + t for t in _triples(international)[1:]]
    return mark + _triples(national)


def _phone_text(numbers: tuple[str, ...], words: tuple[str, ...]) -> str:
    terms = [term for number in numbers for term in _number_terms(number)]
    for word in words:
        terms += ["x", word]
    return " ".join(terms)


def _digit_words(texts: list[str]) -> list[tuple[str, ...]]:
    """Each text's distinct words (as FTS5 makes them) that start with a digit."""
    pieces = sorted({p for text in texts for p in text.split() if re.search(r"\d", p)})
    words: dict[str, list[str]] = {piece: [] for piece in pieces}
    scratch = sqlite3.connect(":memory:")
    try:
        scratch.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, {_OPTIONS})")
        scratch.execute("CREATE VIRTUAL TABLE w USING fts5vocab(t, instance)")
        scratch.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", enumerate(pieces, start=1))
        for term, doc in scratch.execute("SELECT term, doc FROM w"):
            words[pieces[doc - 1]].append(term)
    finally:
        scratch.close()
    return [
        tuple(
            sorted({w for p in text.split() if p in words for w in words[p] if re.match(r"\d", w)})
        )
        for text in texts
    ]


def _deflate(text: str, dictionary: bytes | None = None) -> bytes:
    if dictionary is None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -_WINDOW_BITS, _MEMORY_LEVEL)
    else:
        packer = zlib.compressobj(6, zlib.DEFLATED, -_WINDOW_BITS, _MEMORY_LEVEL, zdict=dictionary)
    return packer.compress(text.encode("utf-8")) + packer.flush()


def _join(parts: Any) -> str:
    return " ".join(p for p in parts if p)


def _cursor() -> Any:
    return op.get_bind().connection.driver_connection.cursor()  # type: ignore[union-attr]


def _rows(sql: str) -> Iterator[Any]:
    cursor = _cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(_BATCH):
            yield from batch
    finally:
        cursor.close()


def _documents() -> dict[str, Parts]:
    """Each live actor's document parts, as the program read them at this revision."""
    categories = {
        key: _join((fi, sv, en))
        for key, fi, sv, en in _rows(
            "SELECT key, name_fi, name_sv, name_en FROM capability_category"
        )
    }
    parts: dict[str, Parts] = defaultdict(list)
    live: list[str] = []
    for actor_id, *texts, phone in _rows(_ACTORS):
        live.append(actor_id)
        parts[actor_id].append((_join(texts), None))
        parts[actor_id] += [("", phone)] if phone else []
    for actor_id, name, role, email, radio, mobile, landline in _rows(_CONTACTS):
        parts[actor_id].append((_join((name, role, email, radio)), None))
        parts[actor_id] += [("", n) for n in (mobile, landline) if n]
    for actor_id, category, description, unit in _rows(_CAPABILITIES):
        parts[actor_id].append((_join((categories.get(category, ""), description, unit)), None))
    for actor_id, *texts in _rows(_FACILITIES):
        parts[actor_id].append((_join(texts), None))
    return {actor_id: parts[actor_id] for actor_id in live}


# A document written: its text, its phone words (None: none) and its packed body.
Written = tuple[str, str | None, bytes]


def _write(indexes: tuple[str, ...], row: Any) -> None:
    """Write every document of ``search_doc`` anew into ``indexes`` (emptied first), each made
    by ``row`` from its parts."""
    bind = op.get_bind()
    op.execute("DELETE FROM search_body")
    documents = _documents()
    ids = list(_rows("SELECT doc_id, actor_id FROM search_doc ORDER BY doc_id"))
    # As the program writes a whole index: gathered in memory and merged once at the end.
    _configure(indexes, automerge=0, crisismerge=2000, hashsize=1 << 28)
    for start in range(0, len(ids), _BATCH):
        batch = [(doc_id, a) for doc_id, a in ids[start : start + _BATCH] if a in documents]
        written: list[tuple[int, Written]] = list(
            zip(
                [doc_id for doc_id, _a in batch],
                row([documents[a] for _doc_id, a in batch]),
                strict=True,
            )
        )
        phones = [(doc_id, text) for doc_id, (_body, text, _packed) in written if text]
        for sql, rows in (
            (
                "INSERT INTO search_index (rowid, body) VALUES (?, ?)",
                [(doc_id, body) for doc_id, (body, _phones, _packed) in written],
            ),
            ("INSERT INTO search_index_phones (rowid, phones) VALUES (?, ?)", phones),
            (
                "INSERT INTO search_body (doc_id, body) VALUES (?, ?)",
                [(doc_id, packed) for doc_id, (_body, _phones, packed) in written],
            ),
        ):
            if rows:
                bind.exec_driver_sql(sql, rows)
    for table in indexes:
        op.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    _configure(indexes, automerge=4, crisismerge=16, hashsize=1 << 20)


def _configure(indexes: tuple[str, ...], **settings: int) -> None:
    for table in indexes:
        for name, value in settings.items():
            op.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('{name}', {value})")


def _apart(documents: list[Parts]) -> list[Written]:
    bodies = [" ".join(text for text, number in parts if number is None) for parts in documents]
    written: list[Written] = []
    for body, parts, words in zip(bodies, documents, _digit_words(bodies), strict=True):
        numbers = tuple(number for _text, number in parts if number is not None)
        layout = (str(len(numbers)), str(len(words)), *numbers, *words, body)
        packed = _LAYOUT + _deflate("\x00".join(layout), _DICTIONARY)
        written.append((body, _phone_text(numbers, words) or None, packed))
    return written


def _together(documents: list[Parts]) -> list[Written]:
    written: list[Written] = []
    for parts in documents:
        body = " ".join(
            text if number is None else " ".join(_search_tokens(number)) for text, number in parts
        )
        written.append((body, None, _deflate(body)))
    return written


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index")
        op.execute(_TEXTS)
        op.execute(_PHONES)
        _write(("search_index", "search_index_phones"), _apart)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index_phones")
        op.execute("DROP TABLE search_index")
        op.execute(_TEXTS)
        _write(("search_index",), _together)
