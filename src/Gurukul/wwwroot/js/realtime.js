// One event stream per page (docs/adr/0028-realtime-stream.md): htmx's SSE extension opens it for the layout's sse-connect,
// through this factory, which keeps a handle on it so the chat page listens on the same connection instead of opening a
// second one. When the extension replaces a closed stream, listeners are told of the new one.
(() => {
  const listeners = [];
  let current = null;
  htmx.createEventSource = (url) => {
    const source = new EventSource(url, { withCredentials: true });
    current = source;
    listeners.forEach((listener) => listener(source));
    return source;
  };
  window.gurukulStream = {
    onSource(listener) {
      listeners.push(listener);
      if (current) listener(current);
    },
  };
})();
