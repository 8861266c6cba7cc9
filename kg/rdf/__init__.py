"""RDF: namespaces, IRI minting (the only place IRIs are built) and Extraction -> RDF."""
