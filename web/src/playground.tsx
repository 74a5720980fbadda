// The playground at /: GraphiQL 3 with the query-builder explorer plugin,
// talking to /graphql on this server, opening with three example tabs.
//
// GraphiQL 3 (the last major line on CodeMirror 5) rather than 4/5: 5 moved
// the editors to Monaco, whose language services run in web workers that
// need their own bundles, a worker-src CSP and several MB more; 3 bundles
// into one script and one stylesheet with esbuild.

import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/dist/style.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/graphiql.css';
import { Kind, parse } from 'graphql';
import { createRoot } from 'react-dom/client';
import './lib/page.css';
import './playground.css';

/** The example tabs a first visit opens with; GraphiQL keeps the user's own tabs after that. */
const exampleTabs = [
  {
    query: `# What led from the 1956 Soviet-Japanese Joint Declaration to the 1960
# US-Japan security treaty? Run it with Ctrl-Enter (Cmd-Enter on a Mac).
query WalkFrom1956To1960 {
  path(
    from: "treaty:soviet-japanese-joint-declaration"
    to: "treaty:treaty-of-mutual-cooperation-and-security-between-the-united-states-and-japan"
    maxHops: 4
  ) {
    hops
    steps {
      from { name }
      edge { type date evidence { quote } }
      to { name }
    }
  }
}
`,
  },
  {
    query: `# The timeline of an entity: events and its own dated edges, in date order.
# Dates keep their precision: "1956" is a year, not 1 January.
query LavrovTimeline {
  timelineItems(entity: "Lavrov", first: 20) {
    totalCount
    nodes {
      date
      endDate
      event { name type status participants { name } }
      edge { type role to { name } }
    }
  }
}
`,
  },
  {
    query: `# Search matches any word of a name or alias, ignoring case and accents.
query SearchDeclarations {
  search(text: "declaration", kinds: [TREATY]) {
    id
    name
    date
    ... on Treaty { status parties { name } }
  }
}
`,
  },
];

/** The operation name to send with query. GraphiQL 3 keeps the operation
 * name of the tab it ran last until its editor state catches up with a tab
 * switch, so Ctrl-Enter at once on another tab sent that tab's query with
 * the first tab's name ("operation WalkFrom1956To1960 not found"). A name
 * the query does not define is replaced by the query's own operation when
 * it has one only, or dropped; a query that does not parse keeps what
 * GraphiQL gave, and the server says what is wrong with it. */
export function operationNameFor(query: string, name?: string | null): string | undefined {
  let names: (string | undefined)[];
  try {
    names = parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []));
  } catch {
    return name ?? undefined;
  }
  if (name && names.includes(name)) return name;
  return names.length === 1 ? names[0] : undefined;
}

/** Sends GraphiQL's requests to /graphql and hands back whatever GraphQL
 * answered, errors included, so that GraphiQL shows them. */
const fetcher: GraphiQLProps['fetcher'] = async (params, opts) => {
  const body = { ...params, operationName: operationNameFor(params.query, params.operationName) };
  const resp = await fetch('/graphql', {
    method: 'POST',
    headers: { ...(opts?.headers ?? {}), 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(body),
  });
  const text = await resp.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `The server answered HTTP ${resp.status} without a GraphQL response: ${text.slice(0, 200)}` }] };
  }
};

const explorer = explorerPlugin();

function Playground() {
  return (
    <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs} plugins={[explorer]} defaultEditorToolsVisibility={false}>
      <GraphiQL.Logo>diplograph</GraphiQL.Logo>
    </GraphiQL>
  );
}

const root = document.getElementById('graphiql');
if (root) createRoot(root).render(<Playground />);
