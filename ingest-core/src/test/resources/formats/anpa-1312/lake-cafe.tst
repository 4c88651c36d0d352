W1234world
u i BC-EU--Lake-Cafe      06-04 0412
^BC-EU--Lake Cafe,0412<
^Lakeside café reopens after the flood<
^Eds: Moves on general news services.<
^By ANNA KOWALCZYK=
^Associated Press Writer=
	   LUCERNE, Switzerland (AP) _ A lakeside café that was under a metre of water in May reopened on Tuesday, its owner said. 
 
	   ``We scrubbed every chair,'' said owner Beat Amrein. 
 
	   The town council paid for new flooring. 
 
	   ___
 
	   AP-WF-06-04-24 1412GMT<
