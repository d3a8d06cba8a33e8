// GraphiQL over this server: queries and mutations over HTTP, subscriptions over graphql-ws.
(function () {
  var endpoint = new URL('/graphql', location.href).toString();
  var wsUrl = endpoint.replace(/^http/, 'ws');
  var token = window.launchToken;
  token.bind(document.getElementById('token'));

  var wsClient = null;
  function socket() {
    if (!wsClient) {
      var sentToken = token.get();
      wsClient = graphqlWs.createClient({
        url: wsUrl,
        lazy: true,
        connectionParams: function () {
          return sentToken ? { authorization: 'Bearer ' + sentToken } : {};
        },
      });
    }
    return wsClient;
  }
  token.onChange(function () {
    if (wsClient) wsClient.dispose();
    wsClient = null;
  });

  function isSubscription(params, opts) {
    var doc = opts && opts.documentAST;
    if (!doc) return false;
    var op = doc.definitions.find(function (d) {
      return (
        d.kind === 'OperationDefinition' &&
        (!params.operationName || (d.name && d.name.value === params.operationName))
      );
    });
    return Boolean(op && op.operation === 'subscription');
  }

  var http = GraphiQL.createFetcher({ url: endpoint });
  function fetcher(params, opts) {
    if (isSubscription(params, opts)) {
      return socket().iterate({
        query: params.query,
        variables: params.variables,
        operationName: params.operationName,
      });
    }
    var headers = Object.assign({}, opts && opts.headers);
    var hasAuth = Object.keys(headers).some(function (k) {
      return k.toLowerCase() === 'authorization';
    });
    if (token.get() && !hasAuth) headers.authorization = 'Bearer ' + token.get();
    return http(params, Object.assign({}, opts, { headers: headers }));
  }

  var example = [
    '# Paste the token printed by `npm start` above, then run (Ctrl-Enter).',
    '# Docs: the book icon on the left. Subscriptions run over graphql-ws.',
    'query Board {',
    '  me { name }',
    '  launches(first: 10) {',
    '    edges { node { id name status launchDate checklistStatus { percentComplete health } } }',
    '  }',
    '}',
    '',
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: example,
      // /?query=… opens with that operation (links from docs, tests), over any saved tabs.
      query: new URLSearchParams(location.search).get('query') || undefined,
      defaultEditorToolsVisibility: true,
    }),
  );
})();
