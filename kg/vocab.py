"""Namespaces and terms, in one place.

Standard vocabularies first (rdflib's DCTERMS, PROV, DCAT, SKOS, SDO, FOAF); FaBiO, CiTO and BIBO
terms kg uses are declared here as DefinedNamespaces, and kg's own terms as ``KG``, so that a
typo in a term is an AttributeError rather than a silent new IRI.

>>> str(KG.Authorship), str(FABIO.Preprint)
('https://w3id.org/kg/ns#Authorship', 'http://purl.org/spar/fabio/Preprint')
"""

from __future__ import annotations

from rdflib import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["SPARQL_PREFIXES", "KG", "FABIO", "BIBO", "CITO", "QB", "ID", "GRAPH", "TOPIC", "ARXIV", "PREFIXES", "DCAT",
           "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SDO", "SKOS", "XSD", "iri"]

BASE = "https://w3id.org/kg/"


class KG(DefinedNamespace):
    """kg's own terms; the ontology document in schemas/ describes each."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    # classes
    Record: URIRef  # what one source document says about one paper
    Authorship: URIRef  # one author of one paper (or one record): position, name as printed, person
    Merge: URIRef  # a resolution decision with its rule and score
    SourceDocument: URIRef
    Profile: URIRef  # headline figures of a researcher-profile page
    Venue: URIRef  # any venue node: series, event, volume, preprint server, listing
    VenueSeries: URIRef
    VenueEvent: URIRef
    VenueVolume: URIRef
    Listing: URIRef  # a site that lists papers without publishing them (an author page, a feed)
    # record and authorship properties
    hasAuthorship: URIRef
    position: URIRef
    nameAsPrinted: URIRef
    affiliationAsPrinted: URIRef
    organisationAsPrinted: URIRef
    person: URIRef
    venueAsPrinted: URIRef
    authorsTruncated: URIRef
    authorCount: URIRef
    upvotes: URIRef
    hasCode: URIRef
    categoryCode: URIRef
    listedFor: URIRef
    listedOn: URIRef
    sourceDocument: URIRef
    sourceKind: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    captureYear: URIRef
    captureYearRule: URIRef
    sha256: URIRef
    abstractSha256: URIRef
    abstractLanguage: URIRef
    # dates
    datePrecision: URIRef
    dateInferred: URIRef
    dateInference: URIRef
    # papers
    titleUnknown: URIRef
    hasPublication: URIRef
    # resolution
    mergedBy: URIRef
    rule: URIRef
    score: URIRef
    joined: URIRef
    left: URIRef
    right: URIRef
    note: URIRef
    # profile figures
    hIndex: URIRef
    paperCount: URIRef
    citationCount: URIRef
    noveltyPercent: URIRef
    aiScore: URIRef
    papersListed: URIRef
    # datasets, benchmarks, environments, leaderboards, projects (kg.enrich / kg.resolve.artifacts)
    Artifact: URIRef  # anything of the five kinds
    Benchmark: URIRef
    Environment: URIRef
    Leaderboard: URIRef
    Project: URIRef
    ArtifactMention: URIRef  # one record's naming of an artifact: role, rule, name as printed
    namesArtifact: URIRef
    artifactKind: URIRef
    artifact: URIRef
    role: URIRef
    introduces: URIRef
    introducedBy: URIRef
    figure: URIRef
    asPrinted: URIRef
    siblingOf: URIRef
    unnamed: URIRef
    # links named in text
    CodeRepository: URIRef
    ProjectPage: URIRef
    DatasetPage: URIRef
    codeRepository: URIRef
    projectPage: URIRef
    datasetPage: URIRef
    # topics
    TopicAssignment: URIRef
    # statistics counted at build time (RDF Data Cube observations, kg.stats)
    venueLabel: URIRef
    year: URIRef
    venuePapers: URIRef
    topicAssignment: URIRef
    topic: URIRef
    matched: URIRef
    confidence: URIRef
    # metrics
    degree: URIRef
    weightedDegree: URIRef
    pagerank: URIRef
    betweenness: URIRef
    closeness: URIRef
    component: URIRef
    community: URIRef


class FABIO(DefinedNamespace):
    """The FaBiO terms kg uses (SPAR ontologies)."""

    _NS = Namespace("http://purl.org/spar/fabio/")
    _fail = True
    ConferencePaper: URIRef
    Preprint: URIRef
    ScholarlyWork: URIRef
    ConferenceProceedings: URIRef
    JournalArticle: URIRef
    BookChapter: URIRef
    Book: URIRef
    Thesis: URIRef
    TechnicalReport: URIRef


class BIBO(DefinedNamespace):
    _NS = Namespace("http://purl.org/ontology/bibo/")
    _fail = True
    Conference: URIRef
    Proceedings: URIRef
    Series: URIRef


class QB(DefinedNamespace):
    """The RDF Data Cube terms kg uses for the statistics it counts at build time."""

    _NS = Namespace("http://purl.org/linked-data/cube#")
    _fail = True
    Observation: URIRef
    DataSet: URIRef
    DimensionProperty: URIRef
    MeasureProperty: URIRef
    dataSet: URIRef


class CITO(DefinedNamespace):
    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True
    usesDataFrom: URIRef


ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
TOPIC = Namespace(BASE + "id/topic/")
ARXIV = Namespace(BASE + "id/arxiv/")

PREFIXES = {
    "kg": str(KG._NS), "id": str(ID), "dcterms": str(DCTERMS), "prov": str(PROV), "schema": str(SDO),
    "foaf": str(FOAF), "fabio": str(FABIO._NS), "bibo": str(BIBO._NS), "cito": str(CITO._NS),
    "topic": str(TOPIC), "arxiv": str(ARXIV), "dcat": str(DCAT), "skos": str(SKOS), "xsd": str(XSD),
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "qb": str(QB._NS),
}

# The PREFIX lines every query kg writes itself starts with.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def iri(*parts: str) -> URIRef:
    """An IRI under kg's id space; parts are joined with '/'.

    >>> iri("person", "jiaming-ji")
    rdflib.term.URIRef('https://w3id.org/kg/id/person/jiaming-ji')
    """
    return ID["/".join(parts)]
