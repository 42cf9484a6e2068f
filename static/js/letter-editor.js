/* The letter editor: every section's plain field becomes a pell editor (static/vendor/pell).
 * The field keeps the simple markup when this script does not run; with it, the field carries
 * the editor's HTML and its format field says "html". The server cleans whatever arrives. */
(function () {
  "use strict";
  var pell = window.pell;
  if (!pell || !document.queryCommandSupported) {
    return;
  }

  function actions() {
    return [
      { name: "bold", icon: "<b>V</b>", title: "Vet" },
      { name: "italic", icon: "<i>C</i>", title: "Cursief" },
      { name: "underline", icon: "<u>O</u>", title: "Onderstreept" },
      {
        name: "kop",
        icon: "Kop",
        title: "Tussenkop",
        result: function () { return pell.exec("formatBlock", "<h3>"); }
      },
      { name: "paragraph", icon: "¶", title: "Gewone alinea" },
      { name: "ulist", icon: "•", title: "Opsomming" },
      { name: "olist", icon: "1.", title: "Genummerde lijst" },
      {
        name: "link",
        icon: "Link",
        title: "Link",
        result: function () {
          var url = window.prompt("Adres van de link (https://…)");
          if (url && /^(https?:\/\/|mailto:)/i.test(url.trim())) {
            pell.exec("createLink", url.trim());
          }
        }
      }
    ];
  }

  function setUp(textarea) {
    var format = document.getElementById(textarea.getAttribute("data-richtext-format"));
    var help = document.getElementById(textarea.getAttribute("data-richtext-help"));
    var editorHelp = document.getElementById(textarea.getAttribute("data-richtext-editor-help"));
    var holder = document.createElement("div");
    holder.className = "richtext";
    textarea.parentNode.insertBefore(holder, textarea);
    var editor = pell.init({
      element: holder,
      defaultParagraphSeparator: "p",
      actions: actions(),
      onChange: function (html) { textarea.value = html; }
    });
    var content = editor.content;
    content.innerHTML = textarea.getAttribute("data-richtext-html") || "";
    content.setAttribute("role", "textbox");
    content.setAttribute("aria-multiline", "true");
    content.setAttribute("aria-label", textarea.getAttribute("data-richtext-label") || "Tekst");
    content.setAttribute("data-richtext-editor", textarea.id);
    var buttons = holder.querySelectorAll(".pell-button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-label", buttons[i].title);
    }
    textarea.value = content.innerHTML;
    format.value = "html";
    textarea.hidden = true;
    if (help) { help.hidden = true; }
    if (editorHelp) { editorHelp.hidden = false; }
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.addEventListener("click", function () { content.focus(); });
    }
    // Paste and other edits that fire no input event still reach the field before sending.
    textarea.form.addEventListener("submit", function () { textarea.value = content.innerHTML; });
  }

  var fields = document.querySelectorAll("textarea[data-richtext]");
  for (var i = 0; i < fields.length; i++) {
    setUp(fields[i]);
  }
})();
