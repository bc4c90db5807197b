"""Union-find with cannot-link constraints and a log of every merge and every refusal."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

__all__ = ["Clusters"]


class Clusters:
    """Disjoint sets of items; a merge is refused when it would join two items kept apart.

    >>> c = Clusters(["a", "b", "c"])
    >>> c.keep_apart("a", "c")
    >>> c.union("a", "b"), c.union("b", "c")
    (True, False)
    >>> sorted(map(sorted, c.groups()))
    [['a', 'b'], ['c']]
    """

    def __init__(self, items: Iterable[Hashable]):
        self._parent: dict[Hashable, Hashable] = {x: x for x in items}
        self._members: dict[Hashable, set] = {x: {x} for x in self._parent}
        self._apart: dict[Hashable, set] = {x: set() for x in self._parent}

    def find(self, x: Hashable) -> Hashable:
        root = x
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[x] != root:
            self._parent[x], x = root, self._parent[x]
        return root

    def keep_apart(self, a: Hashable, b: Hashable) -> None:
        """Forbid any later union of a's cluster with b's."""
        ra, rb = self.find(a), self.find(b)
        self._apart[ra].add(rb)
        self._apart[rb].add(ra)

    def can_union(self, a: Hashable, b: Hashable) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra == rb or not any(self.find(x) == rb for x in self._apart[ra])

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Join the clusters of a and b; False when they are kept apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.can_union(a, b):
            return False
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra] |= self._members.pop(rb)
        self._apart[ra] |= self._apart.pop(rb)
        return True

    def same(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)

    def members(self, x: Hashable) -> set:
        return self._members[self.find(x)]

    def groups(self) -> list[set]:
        return [set(m) for m in self._members.values()]
