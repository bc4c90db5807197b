"""The ontology document of kg's own terms, written to ``schemas/ontology.ttl``.

Every term of :class:`kg.vocab.KG` is described here (a test fails when one is missing or
extra), with its label, comment, domain and range, and how it relates to the standard terms it
sits beside. ``python -m kg.ontology`` rewrites the file; a test fails when it is stale.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .vocab import BIBO, DCAT, FABIO, KG, OWL, PROV, QB, RDF, RDFS, SDO, SKOS, XSD

__all__ = ["TERMS", "ontology_graph", "ONTOLOGY_FILE"]

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "schemas" / "ontology.ttl"
C, OP, D = OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty
_PAPER = SDO.ScholarlyArticle
_PERSON = SDO.Person

# name: (kind, comment, domain, range, super)
TERMS: dict[str, tuple] = {
    "Record": (C, "What one source document says about one paper (a line span of it).", None, None, PROV.Entity),
    "Authorship": (C, "One author of one paper or record: position, name as printed, affiliation, person.",
                   None, None, None),
    "Merge": (C, "A resolution decision: which rule joined (or kept apart) two records or mentions, and its score.",
              None, None, PROV.Activity),
    "SourceDocument": (C, "A captured page or data file kg read.", None, None, PROV.Entity),
    "Profile": (C, "The headline figures of a researcher-profile page.", None, None, None),
    "Venue": (C, "Any venue node: a series, an event, a volume, a preprint server, a listing.", None, None, None),
    "VenueSeries": (C, "A recurring venue (ACL, NAACL).", None, None, BIBO.Series),
    "VenueEvent": (C, "One year's event of a series (ACL 2025).", None, None, BIBO.Conference),
    "VenueVolume": (C, "One volume of proceedings (ACL 2025, Long Papers).", None, None, FABIO.ConferenceProceedings),
    "Listing": (C, "A site that lists papers without publishing them (an author page, a feed).", None, None, None),
    "hasAuthorship": (OP, "A paper's or record's authorship node.", None, KG.Authorship, None),
    "position": (D, "1-based place of an author in the list as printed.", KG.Authorship, XSD.integer, None),
    "nameAsPrinted": (D, "A name exactly as one source printed it.", None, XSD.string, None),
    "affiliationAsPrinted": (D, "An affiliation exactly as printed beside an author.", KG.Authorship, XSD.string,
                             None),
    "organisationAsPrinted": (D, "An organisation line as printed under a paper.", KG.Record, XSD.string, None),
    "person": (OP, "The resolved person of an authorship.", KG.Authorship, _PERSON, None),
    "venueAsPrinted": (D, "A venue (proceedings title) as printed.", KG.Record, XSD.string, None),
    "authorsTruncated": (D, "The author list printed is not the whole list ('et al.').", None, XSD.boolean, None),
    "authorCount": (D, "The number of authors a source declares.", KG.Record, XSD.integer, None),
    "upvotes": (D, "Upvotes shown on a paper listing.", KG.Record, XSD.integer, None),
    "hasCode": (D, "The listing flags a code release.", KG.Record, XSD.boolean, None),
    "categoryCode": (D, "An arXiv category code as a listing prints it ('CL').", None, XSD.string, None),
    "listedFor": (D, "The person whose page lists this record.", KG.Record, XSD.string, None),
    "listedOn": (OP, "A listing a publication appears on.", None, KG.SourceDocument, None),
    "sourceDocument": (OP, "The document a record or node was read from.", None, KG.SourceDocument, None),
    "sourceKind": (D, "The format of a source document ('acl-author-page', …).", None, XSD.string, None),
    "lineStart": (D, "First line of a record in its document.", None, XSD.integer, None),
    "lineEnd": (D, "Last line of a record in its document.", None, XSD.integer, None),
    "captureYear": (D, "The year a capture was taken (printed or inferred).", KG.SourceDocument, XSD.gYear, None),
    "captureYearRule": (D, "How the capture year was found.", KG.SourceDocument, XSD.string, None),
    "sha256": (D, "SHA-256 of a source document as read.", KG.SourceDocument, XSD.string, None),
    "abstractSha256": (D, "SHA-256 of a record's normalised abstract.", KG.Record, XSD.string, None),
    "abstractLanguage": (D, "The language of a record's abstract ('en', 'zh').", KG.Record, XSD.string, None),
    "datePrecision": (D, "'day', 'month' or 'year': how much of dcterms:issued is known.", None, XSD.string, None),
    "dateInferred": (D, "The year of dcterms:issued was not printed but inferred.", None, XSD.boolean, None),
    "dateInference": (D, "The rule that inferred a year.", None, XSD.string, None),
    "titleUnknown": (D, "The paper is known by its abstract only.", _PAPER, XSD.boolean, None),
    "hasPublication": (OP, "One publication (version at one venue) of a paper.", _PAPER, FABIO.ScholarlyWork, None),
    "mergedBy": (OP, "A merge that joined this entity's records or mentions.", None, KG.Merge, None),
    "rule": (D, "The rule behind a merge, an artifact mention or a topic assignment.", None, XSD.string, None),
    "score": (D, "The score a merge rule gave.", KG.Merge, XSD.decimal, None),
    "joined": (D, "Whether the merge joined (true) or kept apart (false).", KG.Merge, XSD.boolean, None),
    "left": (OP, "One side of a merge.", KG.Merge, None, PROV.used),
    "right": (OP, "The other side of a merge.", KG.Merge, None, PROV.used),
    "note": (D, "A human note on a merge decision.", KG.Merge, XSD.string, None),
    "hIndex": (D, "h-index shown on a profile page.", KG.Profile, XSD.integer, None),
    "paperCount": (D, "Paper count shown on a profile page.", KG.Profile, XSD.integer, None),
    "citationCount": (D, "Citation count shown on a profile page.", KG.Profile, XSD.integer, None),
    "noveltyPercent": (D, "Novelty percentage shown on a profile page.", KG.Profile, XSD.integer, None),
    "aiScore": (D, "'AI score' shown on a profile page.", KG.Profile, XSD.integer, None),
    "papersListed": (D, "Papers the profile page lists.", KG.Profile, XSD.integer, None),
    "Artifact": (C, "A dataset, benchmark, environment, leaderboard or project named in papers.", None, None,
                 DCAT.Resource),
    "Benchmark": (C, "A dataset made to evaluate models.", None, None, DCAT.Dataset),
    "Environment": (C, "A simulation or evaluation environment (a gym, a sandbox).", None, None, KG.Artifact),
    "Leaderboard": (C, "A ranking of models on an evaluation.", None, None, DCAT.Dataset),
    "Project": (C, "A named project another artifact is related to.", None, None, KG.Artifact),
    "ArtifactMention": (C, "One record's naming of an artifact: role, rule, name as printed.", None, None, None),
    "namesArtifact": (OP, "A record's artifact mention.", KG.Record, KG.ArtifactMention, None),
    "artifactKind": (D, "'dataset', 'benchmark', 'environment', 'leaderboard' or 'project'.", KG.Artifact,
                     XSD.string, None),
    "artifact": (OP, "The artifact a mention names.", KG.ArtifactMention, KG.Artifact, None),
    "role": (D, "'introduces', 'uses' or 'mentions'.", KG.ArtifactMention, XSD.string, None),
    "introduces": (OP, "A paper introduces a dataset or benchmark.", _PAPER, KG.Artifact, None),
    "introducedBy": (OP, "The paper that introduces an artifact.", KG.Artifact, _PAPER, None),
    "figure": (OP, "A number the text gives about an artifact (schema:PropertyValue).", KG.Artifact,
               SDO.PropertyValue, None),
    "asPrinted": (D, "A number as printed ('44.6k').", SDO.PropertyValue, XSD.string, None),
    "siblingOf": (OP, "The text calls the two artifacts sibling projects (symmetric).", KG.Artifact, KG.Artifact,
                  None),
    "unnamed": (D, "The paper introduces the artifact without naming it.", KG.Artifact, XSD.boolean, None),
    "CodeRepository": (C, "A source repository named in a paper's text.", None, None, SDO.SoftwareSourceCode),
    "ProjectPage": (C, "A project web page named in a paper's text.", None, None, SDO.WebPage),
    "DatasetPage": (C, "A dataset's page on a data hub named in a paper's text.", None, None, SDO.WebPage),
    "codeRepository": (OP, "A paper's or artifact's code repository.", None, KG.CodeRepository, None),
    "projectPage": (OP, "A paper's project page.", _PAPER, KG.ProjectPage, None),
    "datasetPage": (OP, "A paper's dataset page.", _PAPER, KG.DatasetPage, None),
    "TopicAssignment": (C, "Why a paper has a topic: rule, matched label, confidence.", None, None, None),
    "topicAssignment": (OP, "A paper's topic assignment.", _PAPER, KG.TopicAssignment, None),
    "topic": (OP, "The concept an assignment gives.", KG.TopicAssignment, SKOS.Concept, None),
    "matched": (D, "The label or code that matched.", KG.TopicAssignment, XSD.string, None),
    "confidence": (D, "1.0 arXiv category, 0.9 title, 0.5–0.8 abstract.", KG.TopicAssignment, XSD.decimal, None),
    "venueLabel": (D, "Dimension of a papers-per-venue-year observation: the venue's rdfs:label.", QB.Observation,
                   XSD.string, None),
    "year": (D, "Dimension of a papers-per-venue-year observation: the year (four digits).", QB.Observation,
             XSD.string, None),
    "venuePapers": (D, "Measure of a papers-per-venue-year observation: distinct papers with a publication in "
                       "a venue of that label (or in a venue part of it) that year.", QB.Observation, XSD.integer,
                    None),
    "degree": (D, "Degree in a NetworkX view (graph/metrics/<view>).", None, XSD.integer, None),
    "weightedDegree": (D, "Weighted degree in a view.", None, XSD.decimal, None),
    "pagerank": (D, "PageRank in a view.", None, XSD.decimal, None),
    "betweenness": (D, "Betweenness centrality in a view (sampled with a fixed seed on large graphs).", None,
                    XSD.decimal, None),
    "closeness": (D, "Closeness centrality in a view.", None, XSD.decimal, None),
    "component": (D, "Connected component number in a view.", None, XSD.integer, None),
    "community": (D, "Louvain community number in a view (seed 42).", None, XSD.integer, None),
}


_CUBE_ROLES = {"venueLabel": QB.DimensionProperty, "year": QB.DimensionProperty, "venuePapers": QB.MeasureProperty}


def ontology_graph() -> Graph:
    """kg's terms as OWL, with labels, comments, domains, ranges and super-terms."""
    g = Graph()
    g.bind("kg", KG._NS)
    for prefix, ns in (("owl", OWL), ("rdfs", RDFS), ("xsd", XSD), ("schema", SDO), ("prov", PROV),
                       ("dcat", DCAT), ("skos", SKOS), ("fabio", FABIO._NS), ("bibo", BIBO._NS), ("qb", QB._NS)):
        g.bind(prefix, ns)
    onto = URIRef(str(KG._NS).rstrip("#"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("kg: terms of the scholarly knowledge graph", lang="en")))
    g.add((onto, RDFS.comment, Literal("kg's own terms. kg reuses schema.org, DCTERMS, FOAF, FaBiO, BIBO, CiTO, "
                                       "PROV-O, DCAT and SKOS first; these cover what they do not.", lang="en")))
    for name, (kind, comment, domain, range_, parent) in TERMS.items():
        term = KG[name]
        g.add((term, RDF.type, kind))
        g.add((term, RDFS.isDefinedBy, onto))
        g.add((term, RDFS.label, Literal(name, lang="en")))
        g.add((term, RDFS.comment, Literal(comment, lang="en")))
        if domain is not None:
            g.add((term, RDFS.domain, domain))
        if range_ is not None:
            g.add((term, RDFS.range, range_))
        if parent is not None:
            g.add((term, RDFS.subClassOf if kind == C else RDFS.subPropertyOf, parent))
    for name, cube_role in _CUBE_ROLES.items():  # the statistics' component properties, as Data Cube says
        g.add((KG[name], RDF.type, cube_role))
    return g


def ontology_text() -> str:
    return ontology_graph().serialize(format="turtle")


if __name__ == "__main__":
    ONTOLOGY_FILE.write_text(ontology_text(), encoding="utf-8")
    print(f"wrote {ONTOLOGY_FILE.name}")
