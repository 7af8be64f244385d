// The questions of tests/graph/graph-*.rq, in Cypher: NAME<TAB>QUERY
met	MATCH (b:Entity)-[r:MET_WITH]-(p:Entity) WHERE b.name CONTAINS 'بلينكن' AND r.modality = 'asserted' RETURN p.name, r.count ORDER BY r.count DESC, p.name
khelaifi	MATCH (p:Entity) WHERE p.type = 'PERSON' AND any(n IN p.names WHERE n CONTAINS 'الخليفي') RETURN count(DISTINCT p)
documents	MATCH (b:Entity {id: 'person/antony-blinken'})-[:MENTIONED_IN]->(d:Document) RETURN b.documents, count(DISTINCT d)
evidence	MATCH (b:Entity {id: 'person/antony-blinken'})-[r:MET_WITH]-(:Entity), (v:Evidence)-[:IN_DOCUMENT]->(d:Document) WHERE v.fact = r.id RETURN d.id, v.evidence_start, v.evidence_end ORDER BY d.id
totals	MATCH (e:Entity) WITH count(e) AS entities MATCH (d:Document) WITH entities, count(d) AS documents MATCH (v:Evidence) RETURN entities, documents, count(v)
