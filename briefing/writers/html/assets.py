"""The CSS and the few lines of script every page carries inline (nothing is fetched).

Screen: one readable column; note markers as links with a popover; boxes by kind.
Print (`@media print`, Chromium's page margin boxes): A4 or Letter pages with the
classification at the top and bottom of each and "page N of M", the notes at the end
as on screen, no popover or navigation aids.
"""

from __future__ import annotations

_CSS = """
:root{--ink:#1a1a1a;--muted:#595959;--rule:#c8c8c8;--accent:#1f4e79;--cited:#fff0a0;
--current:#ffc24d;--differ:#8a4500;--differ-bg:#fff6eb;--key-bg:#eef3f8}
*{box-sizing:border-box}
html{color:var(--ink);background:#fff;font-family:"Noto Sans","Segoe UI",system-ui,
-apple-system,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
body{margin:0 auto;max-width:50rem;padding:0 1.25rem 2rem}
.skip{position:absolute;left:-999px;top:0}
.skip:focus{left:1rem;background:#fff;padding:.5rem;z-index:10}
.classification{text-align:center;font-weight:700;letter-spacing:.08em;color:#fff;
background:var(--accent);margin:0 -1.25rem;padding:.2rem}
.classification p{margin:0}
.cover{border-bottom:2px solid var(--accent);margin:1.5rem 0 1rem;padding-bottom:.5rem}
.cover h1{font-size:1.9rem;line-height:1.2;margin:0 0 .4rem}
.subtitle{font-size:1.15rem;margin:.2rem 0 .6rem;color:var(--muted)}
.cover-facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0}
.cover-facts dt{font-weight:700}.cover-facts dd{margin:0}
h2{font-size:1.4rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.15rem;margin:1.4rem 0 .4rem}h4{font-size:1rem;margin:1rem 0 .3rem}
a{color:var(--accent)}
a:focus-visible{outline:3px solid #c25700;outline-offset:1px}
sup{line-height:0;font-size:.72em}
a.nref{text-decoration:none;padding:0 .08em;border-bottom:1px dotted currentColor}
a.nref:hover,a.nref:focus{background:var(--cited)}
sup.sep{padding:0 .05em}
#note-pop{position:absolute;z-index:5;max-width:30rem;background:#fff;color:var(--ink);
border:1px solid var(--muted);border-radius:4px;box-shadow:0 4px 14px rgba(0,0,0,.25);
padding:.5rem .7rem;font-size:.9rem;line-height:1.4}
#note-pop .pop-num{font-weight:700}
.key-points{background:var(--key-bg);border-left:5px solid var(--accent);
padding:.4rem 1rem;margin:1rem 0}
.key-points ul{margin:.3rem 0;padding-left:1.2rem}
.callout{border:1px solid var(--muted);background:#f6f6f6;padding:.5rem 1rem;margin:1rem 0;
border-radius:3px}
.callout-title{font-weight:700;margin:.2rem 0 .4rem}
.callout-sources-differ{border:2px solid var(--differ);background:var(--differ-bg)}
.callout-sources-differ .callout-title{color:var(--differ)}
.callout-sources-differ .callout-title::before{content:"\\26A0\\FE0E  "}
.judgement{border-left:4px solid var(--accent);padding:.1rem 0 .1rem .9rem;margin:.8rem 0}
.judgement p{margin:.3rem 0}
.judgement-under-review{border-left-color:var(--differ)}
.under-review{color:var(--differ);font-style:italic}
.table{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;font-weight:700;padding:.3rem 0}
th,td{border:1px solid var(--rule);padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#e9eef4}
figure{margin:1.2rem 0}figure img{max-width:100%;height:auto;display:block}
figcaption{font-weight:700;font-size:.92rem;margin-top:.3rem}
.contents ul{list-style:none;padding-left:0}.contents .toc-2{padding-left:1.2rem}
.contents .toc-3{padding-left:2.4rem}
section.notes ol{font-size:.9rem;padding-left:2.2rem}
section.notes li{margin:.15rem 0}
section.notes li:target{background:var(--cited)}
a.back{text-decoration:none;padding:0 .3em}
.viewer h1{font-size:1.5rem;line-height:1.25;margin:1.2rem 0 .5rem}
.viewer .cited-in{color:var(--muted)}
.viewer .legend{list-style:none;padding:0;font-size:.9rem}
.segment-title{font-size:1.05rem;margin:1.6rem 0 .4rem;border-bottom:1px solid var(--rule)}
.text{font-size:.95rem}
.line{display:grid;grid-template-columns:3rem 1fr;gap:.7rem}
.ln{color:var(--muted);text-align:right;user-select:none;font-variant-numeric:tabular-nums}
.tx{white-space:pre-wrap;overflow-wrap:anywhere}
mark.cited{background:var(--cited);color:#000;padding:.05em 0}
mark.current,.cite-back:target+mark{background:var(--current);outline:2px solid #8a4500}
.debris{color:var(--muted);font-style:italic}
a.cite-back{font-size:.72em;vertical-align:super;line-height:0;text-decoration:none;
color:#fff;background:var(--accent);border-radius:3px;padding:0 .25em;margin-right:.15em;
scroll-margin-top:35vh}
.passages table{font-size:.88rem}
.page-break{display:none}
@media print{
html{font-size:10.5pt}body{max-width:none;padding:0}
.classification,.skip,#note-pop,a.back{display:none!important}
a{color:inherit;text-decoration:none}
a.nref{border:0}
.page-break{display:block;break-before:page}
h2,h3,h4,.segment-title{break-after:avoid}
.callout,.judgement,.key-points,figure,tr,.cover{break-inside:avoid}
thead{display:table-header-group}
mark.cited,a.cite-back,th,.key-points,.callout{print-color-adjust:exact;
-webkit-print-color-adjust:exact}
.line{break-inside:avoid}
}
"""

BRIEF_SCRIPT = """(function(){
var pop=document.getElementById('note-pop'),timer=null;
function show(a){var id=a.getAttribute('href').slice(1),li=document.getElementById(id);
if(!li)return;clearTimeout(timer);
pop.innerHTML='<span class="pop-num">'+id.slice(5)+'</span> '+
li.querySelector('.note-body').innerHTML;pop.hidden=false;
var r=a.getBoundingClientRect(),w=document.documentElement.clientWidth;
pop.style.left=Math.max(8,Math.min(r.left,w-pop.offsetWidth-8))+window.scrollX+'px';
pop.style.top=r.bottom+window.scrollY+6+'px';}
function hide(){clearTimeout(timer);timer=setTimeout(function(){pop.hidden=true;},250);}
document.addEventListener('mouseover',function(e){var a=e.target.closest('a.nref');
if(a)show(a);else if(e.target.closest('#note-pop'))clearTimeout(timer);});
document.addEventListener('mouseout',function(e){
if(e.target.closest('a.nref,#note-pop'))hide();});
document.addEventListener('focusin',function(e){var a=e.target.closest('a.nref');
if(a)show(a);else if(!e.target.closest('#note-pop'))pop.hidden=true;});
document.addEventListener('keydown',function(e){if(e.key==='Escape')pop.hidden=true;});
})();"""

VIEWER_SCRIPT = """(function(){
function mark(){var old=document.querySelectorAll('mark.current');
for(var i=0;i<old.length;i++)old[i].classList.remove('current');
var m=/^#c-(\\d+)$/.exec(location.hash);if(!m)return;
var all=document.querySelectorAll('mark.cited');
for(var j=0;j<all.length;j++){
if((' '+all[j].getAttribute('data-notes')+' ').indexOf(' '+m[1]+' ')>=0)
all[j].classList.add('current');}}
window.addEventListener('hashchange',mark);mark();})();"""


def page_css(page_size: str, classification: str = "") -> str:
    """Return the stylesheet for pages of `page_size` ("A4" or "Letter") when printed,
    each page marked with `classification`."""
    size = "letter" if page_size.lower() == "letter" else "A4"
    return (_CSS + "@page{size:" + size + ";margin:18mm 16mm 20mm}"
            + print_margins(classification))


def print_margins(classification: str) -> str:
    """Return the @page rule that prints `classification` atop and below every page,
    with the page number, as a CSS string safe inside a <style> element."""
    mark = css_string(classification)
    boxes = ("@top-center{content:" + mark + ";font-weight:700;letter-spacing:.08em}"
             "@bottom-center{content:" + mark + ";font-weight:700;letter-spacing:.08em}"
             if classification else "")
    return ("@page{" + boxes + '@bottom-right{content:"page " counter(page) " of " '
            "counter(pages);font-size:8pt}}")


def css_string(text: str) -> str:
    """Return `text` as a quoted CSS string: every character but letters, digits and
    spaces as a CSS escape, so nothing in it can end the string or the style element."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):x} "
                         for c in text) + '"'
