/** The operations GraphiQL opens with, so a first-time user has something to run. */
export const EXAMPLE_OPERATIONS = `# Welcome to reform-graph. Pick an operation with the run button's menu.

# 1. An entity with the quotes that back it, and the offsets into the source text.
query MinistryWithEvidence {
  entity(id: "organ/ministry-of-public-security") {
    id
    name
    nameZh
    evidence { quote start end document { title published { text } } }
  }
}

# 2. Search names, aliases ("MPS") and Chinese names ("公安部").
query Search {
  search(query: "demonstration city") { score matchType matchedText entity { id kind name } }
}

# 3. Outcomes a campaign produced, with who reported them.
query CampaignOutcomes {
  entity(id: "campaign/demonstration-city-creation") {
    name
    start { text precision }
    relations(direction: OUT, types: [PRODUCED]) {
      totalCount
      edges {
        node {
          target { ... on Outcome { name figure value unit period { end { text } } } }
          evidence { quote }
        }
      }
    }
  }
}

# 4. Entities of one kind, as a Relay connection.
query Sessions {
  entities(kind: PLENARY_SESSION, first: 20) {
    totalCount
    edges { node { id name date { text precision } } }
  }
}
`;
