"""The double-random draw (双随机), reproducible by anyone who has the seed and the directory.

Enterprises: the plan's population is ordered by unified social credit code (a deterministic ordering of
the directory, fingerprinted with SHA-256 of the codes in order); numpy's Generator(PCG64(seed)) picks
`k` positions without replacement, uniformly or in proportion to the risk weights. The same plan with the
same seed over the same directory always selects the same enterprises, in the same order.

Inspectors: for the enterprise drawn r-th, a generator seeded with (seed, r) picks two inspectors from the
eligible pool (ordered by username), so one enterprise's pool never shifts another's draw.
"""

import hashlib


def population_digest(codes: list[str]) -> str:
    return hashlib.sha256("\n".join(codes).encode("ascii")).hexdigest()


def select(n: int, k: int, seed: int, weights=None) -> list[int]:
    """Positions (0-based, in draw order) of `k` of `n` items; weighted without replacement if given."""
    import numpy as np  # imported where used: commands and the URL configuration start without it

    k = max(0, min(int(k), n))
    if k == 0:
        return []
    rng = np.random.Generator(np.random.PCG64(int(seed)))
    if weights is None:
        return rng.choice(n, size=k, replace=False).tolist()
    w = np.asarray(weights, dtype=float)
    return rng.choice(n, size=k, replace=False, p=w / w.sum()).tolist()


def pick_inspectors(pool: list, seed: int, rank: int, how_many: int = 2) -> list:
    """Up to `how_many` members of `pool` (already in a deterministic order) for the rank-th enterprise."""
    import numpy as np

    if len(pool) <= how_many:
        return list(pool)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([int(seed), int(rank)])))
    return [pool[i] for i in rng.choice(len(pool), size=how_many, replace=False).tolist()]
