"""Frameworks: declarative TOML files in data/frameworks/, loaded and validated here.

A framework names its scope (regions, level), its pillars and indicators (weights,
polarity, goalposts, targets) and the pipeline steps that the engine replays:
``normalise`` then ``aggregate`` to pillars and to the composite.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import paths
from .methods import AGGREGATORS, NORMALISERS

POLARITIES = {"naik": 1, "turun": -1}
LEVELS = {"provinsi", "kabupaten", "kota", "kecamatan", "desa"}


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message is in Bahasa Indonesia."""


@dataclass(frozen=True)
class Target:
    value: float
    year: int
    baseline_year: int | None = None
    assumption: bool = True
    note: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    pillar: str
    weight: float = 1.0
    polarity: str | None = None      # None: take it from the catalogue
    normalise: str | None = None     # None: the normalise step's method
    lo: float | None = None          # goalposts (natural units, lo < hi)
    hi: float | None = None
    transform: str | None = None     # None or "log"
    target: Target | None = None


@dataclass(frozen=True)
class Pillar:
    id: str
    nama: str
    weight: float = 1.0
    deskripsi: str = ""


@dataclass(frozen=True)
class Step:
    verb: str                        # normalise | aggregate
    method: str
    to: str | None = None            # aggregate: pillar | composite
    min_coverage: float = 0.0


@dataclass(frozen=True)
class Scope:
    levels: tuple[str, ...]
    provinsi: str | None = None
    kabupaten: str | None = None


@dataclass(frozen=True)
class Framework:
    id: str
    nama: str
    deskripsi: str
    program: str
    scope: Scope
    pillars: tuple[Pillar, ...]
    indicators: tuple[Indicator, ...]
    steps: tuple[Step, ...]
    context: tuple[str, ...] = ()
    composite_name: str = "Skor komposit"
    illustrative: bool = False
    notes: tuple[str, ...] = field(default=())

    def pillar(self, pid: str) -> Pillar:
        return next(p for p in self.pillars if p.id == pid)

    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def digest(self) -> str:
        """Stable hash of the whole spec (cache key: same spec => same digest)."""
        blob = json.dumps(asdict(self), sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def _need(d: dict, key: str, where: str):
    if key not in d:
        raise FrameworkError(f"{where}: kolom '{key}' wajib diisi")
    return d[key]


def parse(spec: dict, *, source: str = "framework") -> Framework:
    """Validate a framework dict (as read from TOML) into a :class:`Framework`."""
    fid = _need(spec, "id", source)
    sc = _need(spec, "scope", source)
    levels = tuple(_need(sc, "levels", f"{fid}.scope"))
    if not levels or set(levels) - LEVELS:
        raise FrameworkError(f"{fid}: tingkat wilayah tidak dikenal: {sorted(set(levels) - LEVELS)}")
    scope = Scope(levels=levels, provinsi=sc.get("provinsi"), kabupaten=sc.get("kabupaten"))

    pillars = tuple(Pillar(id=_need(p, "id", f"{fid}.pillars"), nama=_need(p, "nama", f"{fid}.pillars"),
                           weight=float(p.get("weight", 1.0)), deskripsi=p.get("deskripsi", ""))
                    for p in _need(spec, "pillars", fid))
    pids = [p.id for p in pillars]
    if len(set(pids)) != len(pids):
        raise FrameworkError(f"{fid}: id pilar ganda")

    inds = []
    for raw in _need(spec, "indicators", fid):
        where = f"{fid}.indicators"
        iid = _need(raw, "id", where)
        if raw.get("pillar") not in pids:
            raise FrameworkError(f"{fid}: indikator {iid} merujuk pilar tak dikenal {raw.get('pillar')!r}")
        pol = raw.get("polarity")
        if pol is not None and pol not in POLARITIES:
            raise FrameworkError(f"{fid}: polaritas {iid} harus 'naik' atau 'turun'")
        norm = raw.get("normalise")
        if norm is not None and norm not in NORMALISERS:
            raise FrameworkError(f"{fid}: metode normalisasi tak dikenal {norm!r}")
        tr = raw.get("transform")
        if tr not in (None, "log"):
            raise FrameworkError(f"{fid}: transformasi tak dikenal {tr!r} (hanya 'log')")
        tgt = None
        if "target" in raw:
            t = raw["target"]
            tgt = Target(value=float(_need(t, "value", iid)), year=int(_need(t, "year", iid)),
                         baseline_year=t.get("baseline_year"), assumption=bool(t.get("assumption", True)),
                         note=t.get("note", ""))
        lo, hi = raw.get("lo"), raw.get("hi")
        if (lo is None) != (hi is None) or (lo is not None and float(lo) >= float(hi)):
            raise FrameworkError(f"{fid}: batas (lo, hi) indikator {iid} harus lengkap dan lo < hi")
        w = float(raw.get("weight", 1.0))
        if w < 0:
            raise FrameworkError(f"{fid}: bobot {iid} tidak boleh negatif")
        inds.append(Indicator(id=iid, pillar=raw["pillar"], weight=w, polarity=pol, normalise=norm,
                              lo=None if lo is None else float(lo), hi=None if hi is None else float(hi),
                              transform=tr, target=tgt))
    ids = [i.id for i in inds]
    if len(set(ids)) != len(ids):
        raise FrameworkError(f"{fid}: id indikator ganda")
    for p in pids:
        if p not in {i.pillar for i in inds}:
            raise FrameworkError(f"{fid}: pilar {p} tidak punya indikator")

    steps = []
    for raw in _need(spec, "steps", fid):
        verb, method = _need(raw, "verb", fid), _need(raw, "method", fid)
        if verb == "normalise" and method not in NORMALISERS:
            raise FrameworkError(f"{fid}: metode normalisasi tak dikenal {method!r}")
        if verb == "aggregate":
            if method not in AGGREGATORS:
                raise FrameworkError(f"{fid}: metode agregasi tak dikenal {method!r}")
            if raw.get("to") not in ("pillar", "composite"):
                raise FrameworkError(f"{fid}: langkah agregasi harus 'to = pillar' atau 'composite'")
        elif verb != "normalise":
            raise FrameworkError(f"{fid}: langkah tak dikenal {verb!r}")
        cov = float(raw.get("min_coverage", 0.0))
        if not 0.0 <= cov <= 1.0:
            raise FrameworkError(f"{fid}: min_coverage harus antara 0 dan 1")
        steps.append(Step(verb=verb, method=method, to=raw.get("to"), min_coverage=cov))
    if [s.verb + (s.to or "") for s in steps] != ["normalise", "aggregatepillar", "aggregatecomposite"]:
        raise FrameworkError(f"{fid}: urutan langkah harus normalise → aggregate pillar → aggregate composite")
    for ind in inds:
        method = ind.normalise or steps[0].method
        if method == "goalposts" and ind.lo is None:
            raise FrameworkError(f"{fid}: indikator {ind.id} memakai goalposts tetapi lo/hi tidak diisi")
        if method == "target" and ind.target is None:
            raise FrameworkError(f"{fid}: indikator {ind.id} memakai jarak ke target tetapi target tidak diisi")

    return Framework(id=fid, nama=_need(spec, "nama", fid), deskripsi=spec.get("deskripsi", ""),
                     program=spec.get("program", fid), scope=scope, pillars=pillars,
                     indicators=tuple(inds), steps=tuple(steps), context=tuple(spec.get("context", ())),
                     composite_name=spec.get("composite_name", "Skor komposit"),
                     illustrative=bool(spec.get("illustrative", False)),
                     notes=tuple(spec.get("notes", ())))


def load(framework_id: str, directory: Path | None = None) -> Framework:
    directory = directory or paths.FRAMEWORK_DIR
    known = available(directory)
    if framework_id not in known:
        raise FrameworkError(f"kerangka '{framework_id}' tidak ada; pilihan: {', '.join(known)}")
    path = directory / f"{framework_id}.toml"
    try:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise FrameworkError(f"{path.name}: TOML tidak sah ({e})") from e
    fw = parse(spec, source=path.name)
    if fw.id != framework_id:
        raise FrameworkError(f"{path.name}: id di dalam file ({fw.id}) berbeda dari nama file")
    return fw


def available(directory: Path | None = None) -> list[str]:
    directory = directory or paths.FRAMEWORK_DIR
    return sorted(p.stem for p in directory.glob("*.toml"))
