// The chat page, live (docs/adr/0028-realtime-stream.md). Without this script the page still works: the form posts and the
// page reloads. With it:
// - a message is shown at once as pending, and kept in an outbox (localStorage) until the server has it; it is posted with a
//   clientId made once, so a retry after a lost answer, going offline, or a reload never sends it twice;
// - new and changed messages arrive on the page's event stream and are fetched as the same server-rendered bubbles the page
//   is made of; read receipts turn the ticks; typing and presence show for a few seconds;
// - the other person's messages seen while the tab is visible are marked read.
(() => {
  const chat = document.getElementById('chat');
  const list = document.getElementById('messages');
  if (!chat || !list) return;
  const conversation = chat.dataset.conversationId;
  const me = chat.dataset.me;
  const other = chat.dataset.other;
  const live = chat.dataset.live === 'true';
  const api = `/api/v1/conversations/${conversation}`;
  const page = `/messages/${conversation}`;
  const outboxKey = `gurukul.outbox.${me}`;
  const form = document.getElementById('compose');
  const typing = document.getElementById('typing');
  const announcer = document.getElementById('chat-announcer');
  const presence = document.getElementById('presence');
  let typingTimer = 0;
  let lastTypingSent = 0;
  let flushing = false;

  const bubbles = () => [...list.querySelectorAll('li[data-message-id]')];
  const lastId = () => bubbles().map((b) => b.dataset.messageId).filter((id) => id && !id.startsWith('pending-')).pop();
  const scrollToEnd = () => { list.scrollTop = list.scrollHeight; };
  const fromHtml = (html) => {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    return [...template.content.children];
  };

  // A bubble fetched from the server replaces the one with its id (or its pending twin), or joins the end in time order.
  function upsert(bubble) {
    const id = bubble.dataset.messageId;
    const existing = list.querySelector(`li[data-message-id="${id}"]`)
      || (bubble.dataset.clientId ? list.querySelector(`li[data-pending-client-id="${bubble.dataset.clientId}"]`) : null);
    if (existing) {
      existing.replaceWith(bubble);
    } else {
      list.querySelector('[data-testid="no-messages"]')?.remove();
      const later = bubbles().find((b) => !b.dataset.pendingClientId && b.dataset.sent > bubble.dataset.sent);
      list.insertBefore(bubble, later ?? list.querySelector('li[data-pending-client-id]'));
    }
    htmx.process(bubble);
  }

  async function fetchBubble(messageId) {
    const response = await fetch(`${page}/m/${messageId}`, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const [bubble] = fromHtml(await response.text());
    if (bubble) upsert(bubble);
    return bubble;
  }

  // What the stream may have missed while it was away (the extension replaces a stream that closed).
  async function catchUp() {
    const after = lastId();
    const response = await fetch(`${page}/after${after ? `?after=${after}` : ''}`, { credentials: 'same-origin' });
    if (!response.ok) return;
    fromHtml(await response.text()).filter((e) => e.dataset?.messageId).forEach(upsert);
    markRead();
  }

  function markRead() {
    if (!live || document.visibilityState !== 'visible') return;
    const theirs = bubbles().filter((b) => b.dataset.mine === 'false');
    const newest = theirs.pop();
    if (!newest || newest.dataset.readSent === 'true') return;
    newest.dataset.readSent = 'true';
    fetch(`${api}/read`, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ upTo: newest.dataset.messageId }),
    });
  }

  // Times compare as milliseconds (the page writes them to the millisecond, the event more finely); ids break a tie.
  function setTicks(status, upTo, upToSent) {
    const limit = Date.parse(upToSent);
    for (const bubble of bubbles()) {
      if (bubble.dataset.mine !== 'true' || bubble.dataset.pendingClientId) continue;
      const sent = Date.parse(bubble.dataset.sent);
      const earlier = sent < limit || (sent === limit && bubble.dataset.messageId <= upTo);
      const ticks = bubble.querySelector('.ticks');
      if (!earlier || !ticks || ticks.dataset.status === 'read') continue;
      ticks.dataset.status = status;
      ticks.setAttribute('aria-label', chat.dataset[`status${status[0].toUpperCase()}${status.slice(1)}`]);
      ticks.title = ticks.getAttribute('aria-label');
      const mark = ticks.querySelector('span');
      mark.textContent = '✓✓';
      mark.className = status === 'read' ? 'font-bold text-sky-300' : '';
    }
  }

  // The outbox: messages the server has not confirmed yet, kept across reloads and offline spells.
  const readOutbox = () => JSON.parse(localStorage.getItem(outboxKey) || '[]');
  const writeOutbox = (items) => localStorage.setItem(outboxKey, JSON.stringify(items));

  function pendingBubble(item) {
    const li = document.createElement('li');
    li.className = 'flex flex-col items-end';
    li.dataset.messageId = `pending-${item.clientId}`;
    li.dataset.pendingClientId = item.clientId;
    li.dataset.mine = 'true';
    li.setAttribute('data-testid', 'message');
    const box = document.createElement('div');
    box.className = 'max-w-[85%] rounded-2xl bg-indigo-800 px-3 py-2 text-white opacity-80 shadow-sm sm:max-w-[70%]';
    const body = document.createElement('p');
    body.className = 'whitespace-pre-wrap break-words';
    body.setAttribute('data-testid', 'message-body');
    body.textContent = item.body;
    const status = document.createElement('p');
    status.className = 'mt-1 text-right text-xs text-indigo-100';
    status.setAttribute('data-testid', 'pending');
    status.textContent = chat.dataset.pending;
    box.append(body, status);
    li.append(box);
    return li;
  }

  async function send(item) {
    let attachmentIds = item.attachmentIds || [];
    if (item.file) {
      const upload = new FormData();
      upload.append('file', item.file, item.file.name);
      const uploaded = await fetch(`${api}/attachments`, { method: 'POST', credentials: 'same-origin', body: upload });
      if (!uploaded.ok) return uploaded;
      attachmentIds = [(await uploaded.json()).id];
    }
    return fetch(`${api}/messages`, {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: item.clientId, body: item.body, attachmentIds }),
    });
  }

  // Files cannot wait in localStorage: those stay in memory with their message until it is sent.
  const files = new Map();

  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of readOutbox().filter((i) => i.conversation === conversation)) {
        item.file = files.get(item.clientId);
        let response;
        try {
          response = await send(item);
        } catch {
          return; // offline: the 'online' event or the stream's return tries again
        }
        const remaining = readOutbox().filter((i) => i.clientId !== item.clientId);
        if (response.status === 429) {
          setTimeout(flush, (Number(response.headers.get('Retry-After')) || 5) * 1000);
          return;
        }
        writeOutbox(remaining);
        files.delete(item.clientId);
        const pending = list.querySelector(`li[data-pending-client-id="${item.clientId}"]`);
        if (response.ok) {
          await fetchBubble((await response.json()).id);
        } else if (pending) {
          const problem = await response.json().catch(() => ({}));
          pending.querySelector('[data-testid="pending"]').textContent = `${chat.dataset.failed} ${problem.detail || problem.title || ''}`.trim();
        }
      }
    } finally {
      flushing = false;
    }
  }

  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = form.elements.body.value.trim();
    const file = form.elements.file?.files[0];
    if (!text && !file) return;
    const item = { conversation, clientId: crypto.randomUUID(), body: text };
    if (file) files.set(item.clientId, file);
    writeOutbox([...readOutbox(), item]);
    list.querySelector('[data-testid="no-messages"]')?.remove();
    list.append(pendingBubble(item));
    scrollToEnd();
    form.reset();
    flush();
  });

  form?.elements.body.addEventListener('input', () => {
    const now = Date.now();
    if (now - lastTypingSent < 3000) return;
    lastTypingSent = now;
    fetch(`${api}/typing`, { method: 'POST', credentials: 'same-origin' }).catch(() => {});
  });

  function onStream(source) {
    source.addEventListener('message', async (event) => {
      const message = JSON.parse(event.data);
      if (message.conversationId !== conversation || !live) return;
      const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
      await fetchBubble(message.id);
      if (message.senderId !== me) {
        typing.textContent = '';
        announcer.textContent = chat.dataset.newMessage;
        markRead();
      }
      if (atEnd || message.senderId === me) scrollToEnd();
    });
    source.addEventListener('read', (event) => {
      const receipt = JSON.parse(event.data);
      if (receipt.conversationId === conversation && receipt.userId !== me) setTicks(receipt.status, receipt.upTo, receipt.upToSentAt);
    });
    source.addEventListener('typing', (event) => {
      const signal = JSON.parse(event.data);
      if (signal.conversationId !== conversation || signal.userId === me) return;
      typing.textContent = chat.dataset.typing;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { typing.textContent = ''; }, 6000);
    });
    source.addEventListener('presence', (event) => {
      const change = JSON.parse(event.data);
      if (presence && change.userId === other) presence.textContent = change.online ? presence.dataset.online : presence.dataset.offline;
    });
    source.addEventListener('open', () => { catchUp(); flush(); });
  }

  // Pending messages of an earlier visit (a reload while offline) are shown, and sent.
  for (const item of readOutbox().filter((i) => i.conversation === conversation)) list.append(pendingBubble(item));
  window.gurukulStream?.onSource(onStream);
  window.addEventListener('online', flush);
  document.addEventListener('visibilitychange', markRead);
  scrollToEnd();
  markRead();
  flush();
})();
