(function(){
  function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
  function text(value){return document.createTextNode(value);}
  function table(rows){var t=el('table');rows.forEach(function(r){var tr=t.insertRow();tr.appendChild(el('th',null,r[0]));tr.appendChild(el('td',null,r[1]));});return t;}
  function pairs(headers){return headers.map(function(h){return [h.name,h.value];});}
  function headerValue(headers,name){for(var i=0;i<headers.length;i++){if(headers[i].name.toLowerCase()===name)return headers[i].value;}return '';}

  // A tag with its attribute names and values in spans of their own.
  function tag(source){
    var span=el('span','tag'),quote=null,token='';
    function flush(kind){if(!token)return;span.appendChild(kind?el('span',kind,token):text(token));token='';}
    for(var i=0;i<source.length;i++){
      var c=source.charAt(i);
      if(quote){token+=c;if(c===quote){flush('value');quote=null;}}
      else if(c==='"'||c==="'"){flush(null);token+=c;quote=c;}
      else if(c==='='){flush('attr');token+=c;flush(null);}
      else if(c===' '){flush(null);token+=c;flush(null);}
      else{token+=c;}
    }
    flush(null);return span;
  }
  // An XML body one element per line, indented; `<Say>Hi</Say>` stays on one line. Not XML-aware
  // beyond tags: a body that does not start with `<` is shown as it is.
  function twiml(pre,body){
    var source=body.trim();
    if(source.charAt(0)!=='<'){pre.textContent=body;return;}
    var lines=[],depth=0,at=0,afterText=false;
    function indent(){return new Array(depth+1).join('  ');}
    while(at<source.length){
      if(source.charAt(at)==='<'){
        var close=source.indexOf('>',at);
        if(close<0){lines.push([text(indent()+source.slice(at))]);break;}
        var markup=source.slice(at,close+1),closing=markup.slice(0,2)==='</';
        at=close+1;
        if(closing){depth=Math.max(0,depth-1);}
        if(closing&&afterText){lines[lines.length-1].push(tag(markup));}else{lines.push([text(indent()),tag(markup)]);}
        afterText=false;
        if(!closing&&markup.slice(0,2)!=='<?'&&markup.slice(0,2)!=='<!'&&markup.slice(-2)!=='/>'){depth++;}
      }else{
        var end=source.indexOf('<',at);if(end<0){end=source.length;}
        var content=source.slice(at,end).trim();
        if(content&&lines.length){lines[lines.length-1].push(el('span','text',content));afterText=true;}
        at=end;
      }
    }
    lines.forEach(function(line,i){if(i){pre.appendChild(text('\n'));}line.forEach(function(node){pre.appendChild(node);});});
  }
  // One journal line: request and response, parameters decoded, the body highlighted.
  // Each exchange's duration as a bar, against the scenario's longest: a waterfall of its wait.
  function exchange(x,longest){
    var failed=x.errorCode!=null,box=el('details','exchange'+(failed?' failed':'')),summary=el('summary');
    var bar=el('span','bar');bar.style.width=Math.max(1,Math.round(80*x.durationMilliseconds/Math.max(longest,0.001)))+'px';
    summary.appendChild(bar);
    summary.appendChild(text(x.request.method+' '+x.request.url+' → '+(x.response?String(x.response.status):'no response')
      +(failed?' · '+x.errorCode+' '+(x.errorMessage||''):'')+' '));
    summary.appendChild(el('span','meta',x.kind+', '+x.role+', attempt '+x.attempt+(x.hop>0?', redirect '+x.hop:'')
      +', '+x.durationMilliseconds.toFixed(1)+' ms'));
    box.appendChild(summary);
    box.appendChild(el('h4',null,'Request headers'));box.appendChild(table(pairs(x.request.headers)));
    if(x.request.body){
      box.appendChild(el('h4',null,'Parameters'));
      if(headerValue(x.request.headers,'content-type').indexOf('application/x-www-form-urlencoded')===0){
        var rows=[];new URLSearchParams(x.request.body).forEach(function(value,name){rows.push([name,value]);});box.appendChild(table(rows));
      }else{box.appendChild(el('pre',null,x.request.body));}
    }
    if(x.response){
      box.appendChild(el('h4',null,'Response '+x.response.status+(x.response.truncated?' (cut at the 64 kB the platform reads)':'')));
      box.appendChild(table(pairs(x.response.headers)));
      if(x.response.body){var pre=el('pre','twiml');twiml(pre,x.response.body);box.appendChild(pre);}
    }
    return box;
  }
  // The sequence diagram: the whole conversation between the phones, the platform and the
  // application, each message, call step and webhook an arrow (its answer dashed below it),
  // status changes and problems as notes on their lane, virtual time on the left.
  var lanes={phone:['Phones',150],platform:['Platform (Switchboard)',390],app:['Application',630]};
  function svg(name,attributes,content){
    var e=document.createElementNS('http://www.w3.org/2000/svg',name);
    for(var key in attributes){e.setAttribute(key,attributes[key]);}
    if(content!=null){e.textContent=content;}
    return e;
  }
  function virtualTime(s){
    if(s<60){return Math.floor(s)+'s';}
    if(s<3600){return Math.floor(s/60)+'m'+Math.floor(s)%60+'s';}
    return Math.floor(s/3600)+'h'+Math.floor(Math.floor(s)%3600/60)+'m';
  }
  function sequence(lines){
    var rows=[],y=60,shown=null;
    lines.forEach(function(line){
      var from=lanes[line.from][1],to=lanes[line.to][1],failed=line.failed?' failed':'';
      // The time once for each moment of the clock.
      if(line.time!==shown){rows.push(svg('text',{x:8,y:y+4,'class':'time'},'+'+virtualTime(line.time)));shown=line.time;}
      if(line.style==='note'){
        rows.push(svg('text',{x:from+8,y:y+4,'class':'note'+failed},line.label.slice(0,80)));y+=24;return;
      }
      rows.push(svg('line',{x1:from,y1:y,x2:to,y2:y,'class':'arrow'+(line.style==='answer'?' answer':'')+failed,'marker-end':'url(#head)'}));
      rows.push(svg('text',{x:(from+to)/2,y:y-6,'class':'label'},line.label.slice(0,70)));
      y+=34;
    });
    var height=y+10,picture=svg('svg',{'class':'sequence',viewBox:'0 0 900 '+height,role:'img','aria-label':'sequence diagram'});
    var defs=svg('defs'),marker=svg('marker',{id:'head',markerWidth:8,markerHeight:8,refX:7,refY:4,orient:'auto'});
    marker.appendChild(svg('path',{d:'M0,0 L8,4 L0,8 z'}));defs.appendChild(marker);picture.appendChild(defs);
    Object.keys(lanes).forEach(function(key){
      var lane=lanes[key];
      picture.appendChild(svg('text',{x:lane[1],y:24,'class':'lane'},lane[0]));
      picture.appendChild(svg('line',{x1:lane[1],y1:34,x2:lane[1],y2:height-6,'class':'lifeline'}));
    });
    rows.forEach(function(row){picture.appendChild(row);});
    return picture;
  }
  var renderers={sequence:function(traffic){return [sequence(traffic)];},exchanges:function(lines,section){
    var longest=lines.reduce(function(most,x){return Math.max(most,x.durationMilliseconds);},0),scenario=section.closest('details.scenario');
    return lines.map(function(x,i){var box=exchange(x,longest);if(scenario&&scenario.id){box.id='x-'+scenario.id.slice(2)+'-'+i;}return box;});}};
  function render(section){
    var data=section.querySelector(':scope>script[type="application/json"]');
    if(!data){return;}
    var parsed=JSON.parse(data.textContent);data.remove();
    renderers[section.dataset.render](parsed,section).forEach(function(node){section.appendChild(node);});
  }
  // A failure's link to its exchange: the exchanges drawn, that one opened and scrolled to.
  document.addEventListener('click',function(event){
    var link=event.target.closest&&event.target.closest('a.to-exchange');if(!link){return;}
    var section=link.closest('details.scenario').querySelector('details.lazy[data-render="exchanges"]');
    if(!section){return;}
    event.preventDefault();section.open=true;render(section);
    var target=document.getElementById(link.getAttribute('href').slice(1));
    if(target){target.open=true;target.scrollIntoView();}
  });
  document.querySelectorAll('details.lazy[open]').forEach(render);
  document.addEventListener('toggle',function(event){var target=event.target;if(target.classList&&target.classList.contains('lazy')&&target.open){render(target);}},true);

  // The scenarios that pass the filters, a page of __PAGE_SIZE__ at a time: only what is shown is laid out.
  var boxes=Array.prototype.slice.call(document.querySelectorAll('details.scenario')),inFileOrder=boxes.slice(),size=__PAGE_SIZE__,page=0;
  var failedOnly=document.getElementById('failed-only'),file=document.getElementById('file'),
      status=document.getElementById('status'),order=document.getElementById('order'),
      service=document.getElementById('service'),search=document.getElementById('search'),shown=document.getElementById('shown'),
      previous=document.getElementById('previous'),next=document.getElementById('next');
  function apply(){
    var query=search.value.toLowerCase(),matches=0,from=page*size;
    boxes.forEach(function(box){
      var match=(!failedOnly.checked||(box.dataset.status!=='passed'&&box.dataset.status!=='skipped'))&&(!status.value||box.dataset.status===status.value)
        &&(!file||!file.value||box.dataset.file===file.value)
        &&(!service.value||box.dataset.service===service.value)&&(!query||box.dataset.name.toLowerCase().indexOf(query)>=0);
      var show=match&&matches>=from&&matches<from+size;if(match){matches++;}
      if(box.hidden===show){box.hidden=!show;}
    });
    if(page>0&&from>=matches){page=Math.max(0,Math.ceil(matches/size)-1);apply();return;}
    var paged=matches>size;
    shown.textContent=paged?(from+1)+'–'+Math.min(from+size,matches)+' of '+matches+' shown':matches+' shown';
    previous.hidden=next.hidden=!paged;previous.disabled=page===0;next.disabled=from+size>=matches;
  }
  function refilter(){page=0;apply();}
  // Slowest first, or back to file order: the boxes are moved, the filters and the page kept.
  function reorder(){
    boxes=order.value==='slowest'?inFileOrder.slice().sort(function(a,b){return parseFloat(b.dataset.duration)-parseFloat(a.dataset.duration);}):inFileOrder.slice();
    var main=document.querySelector('main');boxes.forEach(function(box){main.appendChild(box);});refilter();
  }
  // report.html#q=text opens with the name filter set: a link to share.
  var linked=/[#&]q=([^&]*)/.exec(location.hash);
  if(linked){try{search.value=decodeURIComponent(linked[1]);}catch(malformed){search.value=linked[1];}}
  [failedOnly,status,file,service].forEach(function(control){if(control){control.addEventListener('change',refilter);}});
  order.addEventListener('change',reorder);
  search.addEventListener('input',refilter);
  previous.addEventListener('click',function(){page--;apply();window.scrollTo(0,0);});
  next.addEventListener('click',function(){page++;apply();window.scrollTo(0,0);});
  // report.html#s-0007-… opens that scenario: the filters set to show it, and scrolled to.
  var anchored=/^#s-/.test(location.hash)?document.getElementById(decodeURIComponent(location.hash.slice(1))):null;
  if(anchored){failedOnly.checked=false;search.value=anchored.dataset.name;}
  apply();
  if(anchored){anchored.open=true;anchored.scrollIntoView();}
})();
