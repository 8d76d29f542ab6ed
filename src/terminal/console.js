// Starts the terminal's console on the page's main thread (the page adds this script the first
// time its terminal is opened): the terminal's wasm, whose main() sees a window, not a worker.
{
  const base = document.currentScript.src;
  // The terminal's and the editor's rules; the terminal shows what it holds once they apply.
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('terminal.css', base);
  const styled = () => document.querySelector('#terminal')?.setAttribute('data-styled', '');
  style.onload = styled;
  style.onerror = styled;
  document.head.append(style);
  const glue = document.createElement('script');
  glue.src = new URL('adder-lab-terminal.js', base);
  glue.onload = () => wasm_bindgen({ module_or_path: new URL('adder-lab-terminal_bg.wasm', base) });
  glue.onerror = () => {
    const input = document.querySelector('#terminal-input');
    if (input) input.placeholder = 'The terminal could not load: reload the page to try again';
  };
  document.head.append(glue);
}
