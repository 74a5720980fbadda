// apollo.mjs drives Apollo Client 4 (pinned in package.json) against a
// live diplograph, as a third-party client would: relayStylePagination in
// a normalized cache, automatic persisted queries, batches through
// BatchHttpLink, and GraphQL errors in both media types. It prints a line
// per check and exits 1 when any fails; any warning or error Apollo logs
// (a cache that cannot merge, a fragment it cannot match) fails the run.
//
//	node test/conformance/apollo.mjs http://127.0.0.1:8080/graphql
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';

const uri = process.argv[2];
if (!uri) {
  console.error('usage: node apollo.mjs URL');
  process.exit(2);
}

// Apollo reports cache and fragment problems through console.warn and
// console.error; each one is a failure here.
const logged = [];
for (const level of ['warn', 'error']) {
  console[level] = (...args) => logged.push(`${level}: ${args.map(String).join(' ')}`);
}

// fetch that records what Apollo sends: the body (parsed) and the headers.
function recorder() {
  const sent = [];
  const fetchFn = async (url, init) => {
    sent.push({ body: JSON.parse(init.body), headers: new Headers(init.headers) });
    return fetch(url, init);
  };
  return { sent, fetch: fetchFn };
}

// Interfaces, so that the cache matches fragments on them exactly rather
// than by heuristics (which it warns about).
const entityTypes = ['Person', 'State', 'Organization', 'Place', 'Treaty', 'Event'];
const possibleTypes = { Entity: entityTypes, Node: [...entityTypes, 'Edge', 'Article'] };

function newCache() {
  const edges = relayStylePagination(['types', 'direction', 'from', 'to']);
  const typePolicies = {
    Query: { fields: { searchConnection: relayStylePagination(['text', 'kinds']) } },
  };
  for (const t of entityTypes) typePolicies[t] = { fields: { edges } };
  return new InMemoryCache({ possibleTypes, typePolicies });
}

const sha256 = (q) => createHash('sha256').update(q).digest('hex');

let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n${String(err.stack || err).replace(/^/gm, '    ')}`);
  }
}

/** Pages through query with fetchMore until the last page; returns the merged connection. */
async function pageAll(client, query, variables, pick) {
  const obs = client.watchQuery({ query, variables });
  let sub;
  // The first complete result of the watched query.
  const first = new Promise((resolve, reject) => {
    sub = obs.subscribe({ next: (r) => !r.loading && resolve(r), error: reject });
  });
  try {
    let result = await first;
    let pages = 1;
    while (pick(result.data).pageInfo.hasNextPage) {
      assert.ok(pages < 100, 'more than 100 pages');
      await obs.fetchMore({ variables: { after: pick(result.data).pageInfo.endCursor } });
      // The merged list, read from the cache: the watcher hears of it a
      // tick later.
      result = { data: client.readQuery({ query, variables }) };
      pages++;
    }
    return { conn: pick(result.data), pages };
  } finally {
    sub.unsubscribe();
  }
}

await check('relayStylePagination merges searchConnection pages to totalCount', async () => {
  const client = new ApolloClient({ link: new HttpLink({ uri }), cache: newCache() });
  const query = gql`
    query Treaties($text: String!, $after: String) {
      searchConnection(text: $text, kinds: [TREATY], first: 2, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id name } }
      }
    }`;
  const { conn, pages } = await pageAll(client, query, { text: 'treaty' }, (d) => d.searchConnection);
  assert.ok(pages >= 3, `only ${pages} pages`);
  assert.equal(conn.edges.length, conn.totalCount);
  assert.equal(new Set(conn.edges.map((e) => e.node.id)).size, conn.totalCount, 'an entity twice');
});

await check('relayStylePagination merges an entity\'s edges, normalized by id', async () => {
  const client = new ApolloClient({ link: new HttpLink({ uri }), cache: newCache() });
  const query = gql`
    query JapanEdges($after: String) {
      entity(id: "Japan") {
        id name
        ... on State {
          edges(types: [PARTY_TO, PARTICIPATED_IN], first: 5, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { cursor node { id type to { id name } } }
          }
        }
      }
    }`;
  const { conn, pages } = await pageAll(client, query, {}, (d) => d.entity.edges);
  assert.ok(pages >= 2, `only ${pages} pages`);
  assert.equal(conn.edges.length, conn.totalCount);
  // Normalized: Japan is one cache object, whichever query read it.
  const japan = client.cache.extract()['State:state:japan'];
  assert.ok(japan, 'State:state:japan is not in the cache');
  assert.equal(japan.name, 'Japan');
});

await check('automatic persisted queries: a hash, then the query once, then the hash alone', async () => {
  // A query of this run alone, whose hash the server has not seen.
  const nonce = `run${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const query = gql(`
    query LavrovOffices {
      entity(id: "Lavrov") { id name ... on Person { offices { role to { id name } } } }
      ${nonce}: __typename
    }`);
  const first = recorder();
  const a = new ApolloClient({
    link: createPersistedQueryLink({ sha256 }).concat(new HttpLink({ uri, fetch: first.fetch })),
    cache: newCache(),
  });
  const ra = await a.query({ query });
  assert.equal(ra.data.entity.name, 'Sergey Lavrov');
  assert.equal(first.sent.length, 2, 'want the hash, then the query with it');
  assert.equal(first.sent[0].body.query, undefined, 'the first request carries the query');
  assert.ok(first.sent[0].body.extensions.persistedQuery.sha256Hash);
  assert.ok(first.sent[1].body.query.includes('LavrovOffices'));

  const second = recorder();
  const b = new ApolloClient({
    link: createPersistedQueryLink({ sha256 }).concat(new HttpLink({ uri, fetch: second.fetch })),
    cache: newCache(),
  });
  const rb = await b.query({ query });
  assert.deepEqual(rb.data, ra.data);
  assert.equal(second.sent.length, 1, 'the server knows the hash now');
  assert.equal(second.sent[0].body.query, undefined);
});

await check('BatchHttpLink: three queries in one request, answered in order', async () => {
  const rec = recorder();
  const client = new ApolloClient({
    link: new BatchHttpLink({ uri, batchMax: 10, batchInterval: 20, fetch: rec.fetch }),
    cache: newCache(),
  });
  const [japan, stats, search] = await Promise.all([
    client.query({ query: gql`query B1 { entity(id: "state:japan") { id name } }` }),
    client.query({ query: gql`query B2 { stats { articles entities edges } }` }),
    client.query({ query: gql`query B3($t: String!) { search(text: $t, first: 3) { id name } }`, variables: { t: 'declaration' } }),
  ]);
  assert.equal(rec.sent.length, 1, `${rec.sent.length} requests`);
  assert.ok(Array.isArray(rec.sent[0].body) && rec.sent[0].body.length === 3, 'the request is not a batch of three');
  assert.equal(japan.data.entity.name, 'Japan');
  assert.ok(stats.data.stats.articles > 0);
  assert.ok(search.data.search.length > 0);
});

await check('BatchHttpLink: an operation\'s error stays its own', async () => {
  const client = new ApolloClient({
    link: new BatchHttpLink({ uri, batchInterval: 20 }),
    cache: newCache(),
    defaultOptions: { query: { errorPolicy: 'all' } },
  });
  const [good, bad] = await Promise.all([
    client.query({ query: gql`query Good { entity(id: "state:russia") { id name } }` }),
    client.query({ query: gql`query Bad { entity(id: "Sergey") { id } stats { articles } }` }),
  ]);
  assert.equal(good.data.entity.name, 'Russia');
  assert.ok(CombinedGraphQLErrors.is(bad.error), `error ${bad.error}`);
  assert.equal(bad.error.errors[0].extensions.code, 'EINVALID');
  assert.ok(bad.data.stats.articles > 0, 'the sibling field lost its data');
});

await check('persisted queries over a batch', async () => {
  const rec = recorder();
  const client = new ApolloClient({
    link: createPersistedQueryLink({ sha256 }).concat(new BatchHttpLink({ uri, batchInterval: 20, fetch: rec.fetch })),
    cache: newCache(),
  });
  const [x, y] = await Promise.all([
    client.query({ query: gql`query P1 { entity(id: "Moscow") { id name } }` }),
    client.query({ query: gql`query P2 { entity(id: "Tokyo") { id name } }` }),
  ]);
  assert.equal(x.data.entity.id, 'place:moscow');
  assert.equal(y.data.entity.id, 'place:tokyo');
  assert.ok(rec.sent.some((r) => Array.isArray(r.body)), 'no batch was sent');
});

for (const accept of [undefined, 'application/json']) {
  await check(`a request error is a GraphQL error, not a network error (Accept ${accept ?? 'Apollo\'s default'})`, async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri, headers: accept ? { accept } : {} }),
      cache: newCache(),
      defaultOptions: { query: { errorPolicy: 'all' } },
    });
    const r = await client.query({ query: gql`query Invalid { stats { nosuchfield } }` });
    assert.ok(CombinedGraphQLErrors.is(r.error), `error ${r.error?.name}: ${r.error?.message}`);
    assert.equal(r.error.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
  });
}

await check('Apollo logged nothing', async () => {
  assert.deepEqual(logged, []);
});

console.log(failed ? `\n${failed} failed` : '\nall passed');
process.exit(failed ? 1 : 0);
