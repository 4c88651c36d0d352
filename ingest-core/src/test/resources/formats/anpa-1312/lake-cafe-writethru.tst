W1301world
r i BC-EU--Lake-Cafe 1stLd-Writethru 06-04 0455
^BC-EU--Lake Cafe, 1st Ld-Writethru,0455<
^Lakeside café reopens after the flood<
^Eds: UPDATES with council figures in 4th graf.<
^By ANNA KOWALCZYK=
^Associated Press Writer=
	   LUCERNE, Switzerland (AP) _ A lakeside café that was under a metre of water in May reopened on Tuesday, its owner said. 
 
	   The town council paid for new flooring. 
 
^Flood repair grants=
^;Cafes;Grant total
Lucerne;12;340,000
Weggis;3;75,500
 
	   AP-WF-06-04-24 1630GMT<
