// Search-as-you-type suggestions: an optional enhancement; the search form works without it.
(() => {
  for (const input of document.querySelectorAll('input[data-suggest]')) {
    const list = document.createElement('ul');
    list.className = 'suggestions';
    list.id = `${input.id}-suggestions`;
    list.hidden = true;
    list.setAttribute('aria-label', input.dataset.suggestLabel);
    input.closest('.kern-form-input').appendChild(list);
    let timer;
    let controller;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        if (q.length < 3) {
          list.hidden = true;
          return;
        }
        controller?.abort();
        controller = new AbortController();
        try {
          const res = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { signal: controller.signal });
          if (!res.ok) return;
          const { items } = await res.json();
          list.replaceChildren(
            ...items.map((item) => {
              const li = document.createElement('li');
              const a = document.createElement('a');
              a.className = 'kern-link';
              a.href = item.url;
              a.textContent = item.title;
              li.appendChild(a);
              return li;
            }),
          );
          list.hidden = items.length === 0;
        } catch {
          // Suggestions are optional; a failed request changes nothing.
        }
      }, 200);
    });
  }
})();
