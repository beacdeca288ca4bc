// The Corridor query language: SPARQL 1.1 query and update (W3C recommendation,
// section 19.8), written for ANTLR 4.7 (Debian's tool), plus the TRACE form.
// Keywords are case-insensitive (letter fragments at the end; 4.7 has no
// caseInsensitive option), except 'a', as the recommendation says.
// Rule names follow the recommendation's productions, in lower camel case.
grammar Corridor;

// ---- entry points ------------------------------------------------------------

unit : queryUnit | updateUnit ;

queryUnit : prologue ( selectQuery | constructQuery | describeQuery | askQuery | traceQuery ) valuesClause EOF ;

updateUnit : update EOF ;

prologue : ( baseDecl | prefixDecl )* ;
baseDecl : BASE IRIREF ;
prefixDecl : PREFIX PNAME_NS IRIREF ;

// ---- query forms ---------------------------------------------------------------

selectQuery : selectClause datasetClause* whereClause solutionModifier ;
subSelect : selectClause whereClause solutionModifier valuesClause ;
selectClause : SELECT ( DISTINCT | REDUCED )? ( selectItem+ | '*' ) ;
selectItem : var | '(' expression AS var ')' ;
constructQuery : CONSTRUCT ( constructTemplate datasetClause* whereClause solutionModifier
                           | datasetClause* WHERE '{' triplesTemplate? '}' solutionModifier ) ;
describeQuery : DESCRIBE ( varOrIri+ | '*' ) datasetClause* whereClause? solutionModifier ;
askQuery : ASK datasetClause* whereClause solutionModifier ;
// A bare TRACE is short for SELECT * WHERE { TRACE ... }.
traceQuery : trace solutionModifier ;
datasetClause : FROM NAMED? iri ;
whereClause : WHERE? groupGraphPattern ;

solutionModifier : groupClause? havingClause? orderClause? limitOffsetClauses? ;
groupClause : GROUP BY groupCondition+ ;
groupCondition : builtInCall | functionCall | '(' expression ( AS var )? ')' | var ;
havingClause : HAVING constraint+ ;
orderClause : ORDER BY orderCondition+ ;
orderCondition : ( ASC | DESC ) brackettedExpression | constraint | var ;
limitOffsetClauses : limitClause offsetClause? | offsetClause limitClause? ;
limitClause : LIMIT INTEGER ;
offsetClause : OFFSET INTEGER ;
valuesClause : ( VALUES dataBlock )? ;

// ---- update ----------------------------------------------------------------------

update : prologue ( update1 ( ';' update )? )? ;
update1 : loadOp | clearOp | dropOp | addOp | moveOp | copyOp | createOp
        | insertData | deleteData | deleteWhere | modify ;
loadOp : LOAD SILENT? iri ( INTO graphRef )? ;
clearOp : CLEAR SILENT? graphRefAll ;
dropOp : DROP SILENT? graphRefAll ;
createOp : CREATE SILENT? graphRef ;
addOp : ADD SILENT? graphOrDefault TO graphOrDefault ;
moveOp : MOVE SILENT? graphOrDefault TO graphOrDefault ;
copyOp : COPY SILENT? graphOrDefault TO graphOrDefault ;
insertData : INSERT DATA quadData ;
deleteData : DELETE DATA quadData ;
deleteWhere : DELETE WHERE quadPattern ;
modify : ( WITH iri )? ( deleteClause insertClause? | insertClause ) usingClause* WHERE groupGraphPattern ;
deleteClause : DELETE quadPattern ;
insertClause : INSERT quadPattern ;
usingClause : USING NAMED? iri ;
graphOrDefault : DEFAULT | GRAPH? iri ;
graphRef : GRAPH iri ;
graphRefAll : graphRef | DEFAULT | NAMED | ALL ;
quadPattern : '{' quads '}' ;
quadData : '{' quads '}' ;
quads : triplesTemplate? ( quadsNotTriples '.'? triplesTemplate? )* ;
quadsNotTriples : GRAPH varOrIri '{' triplesTemplate? '}' ;
// Iterative (SPARQL's grammar nests one rule per triple; 100,000 triples would exhaust the stack).
triplesTemplate : triplesSameSubject ( '.' triplesSameSubject )* '.'? ;

// ---- graph patterns -------------------------------------------------------------

groupGraphPattern : '{' ( subSelect | groupGraphPatternSub ) '}' ;
groupGraphPatternSub : triplesBlock? ( graphPatternNotTriples '.'? triplesBlock? )* ;
triplesBlock : triplesSameSubjectPath ( '.' triplesSameSubjectPath )* '.'? ;
graphPatternNotTriples : groupOrUnionGraphPattern | optionalGraphPattern | minusGraphPattern
                       | graphGraphPattern | serviceGraphPattern | filter | bind | inlineData | trace ;
optionalGraphPattern : OPTIONAL groupGraphPattern ;
graphGraphPattern : GRAPH varOrIri groupGraphPattern ;
serviceGraphPattern : SERVICE SILENT? varOrIri groupGraphPattern ;
bind : BIND '(' expression AS var ')' ;
inlineData : VALUES dataBlock ;
dataBlock : inlineDataOneVar | inlineDataFull ;
inlineDataOneVar : var '{' dataBlockValue* '}' ;
inlineDataFull : ( NIL | '(' var* ')' ) '{' ( '(' dataBlockValue* ')' | NIL )* '}' ;
dataBlockValue : iri | rdfLiteral | numericLiteral | booleanLiteral | UNDEF ;
minusGraphPattern : MINUS_KW groupGraphPattern ;
groupOrUnionGraphPattern : groupGraphPattern ( UNION groupGraphPattern )* ;
filter : FILTER constraint ;
constraint : brackettedExpression | builtInCall | functionCall ;
functionCall : iri argList ;
argList : NIL | '(' DISTINCT? expression ( ',' expression )* ')' ;
expressionList : NIL | '(' expression ( ',' expression )* ')' ;

constructTemplate : '{' constructTriples? '}' ;
constructTriples : triplesSameSubject ( '.' triplesSameSubject )* '.'? ;

triplesSameSubject : varOrTerm propertyListNotEmpty | triplesNode propertyList ;
propertyList : propertyListNotEmpty? ;
propertyListNotEmpty : verb objectList ( ';' ( verb objectList )? )* ;
verb : varOrIri | A ;
objectList : objectNode ( ',' objectNode )* ;
objectNode : graphNode ;
triplesSameSubjectPath : varOrTerm propertyListPathNotEmpty | triplesNodePath propertyListPath ;
propertyListPath : propertyListPathNotEmpty? ;
propertyListPathNotEmpty : ( verbPath | verbSimple ) objectListPath ( ';' ( ( verbPath | verbSimple ) objectList )? )* ;
verbPath : path ;
verbSimple : var ;
objectListPath : objectPath ( ',' objectPath )* ;
objectPath : graphNodePath ;

// ---- TRACE (ours; see docs/trace.md) ---------------------------------------------------

trace : TRACE var FROM traceEnd TO traceEnd traceSteps traceOption* ;
traceEnd : iri | rdfLiteral | var groupGraphPattern? ;
traceSteps : VIA path | STEP var var groupGraphPattern ;
traceOption : SHORTEST INTEGER?
            | ALL SHORTEST?
            | ACYCLIC
            | SAMEAS
            | MIN LENGTH INTEGER
            | MAX limit=( LENGTH | STATES | PATHS ) INTEGER
            | SCALE ( dir=( DOWN | UP | ANY ) | PROPERTY iri | ORDER '(' iri+ ')' )
            | COUNTRY PROPERTY iri
            | LABEL PROPERTY iri+
            | order=( ASCENDING | DESCENDING ) var
            | SAME var
            | NOTE var+
            | what=( COUNTRIES | SCALES ) op=( '=' | '<' | '>' | '<=' | '>=' ) INTEGER
            | COUNT DISTINCT iri op=( '=' | '<' | '>' | '<=' | '>=' ) INTEGER ;

// ---- property paths ---------------------------------------------------------------

path : pathAlternative ;
pathAlternative : pathSequence ( '|' pathSequence )* ;
pathSequence : pathEltOrInverse ( '/' pathEltOrInverse )* ;
pathElt : pathPrimary pathMod? ;
pathEltOrInverse : pathElt | '^' pathElt ;
pathMod : '?' | '*' | '+' ;
pathPrimary : iri | A | '!' pathNegatedPropertySet | '(' path ')' ;
pathNegatedPropertySet : pathOneInPropertySet | '(' ( pathOneInPropertySet ( '|' pathOneInPropertySet )* )? ')' ;
pathOneInPropertySet : iri | A | '^' ( iri | A ) ;

// ---- nodes ------------------------------------------------------------------------

triplesNode : collection | blankNodePropertyList ;
blankNodePropertyList : '[' propertyListNotEmpty ']' ;
triplesNodePath : collectionPath | blankNodePropertyListPath ;
blankNodePropertyListPath : '[' propertyListPathNotEmpty ']' ;
collection : '(' graphNode+ ')' ;
collectionPath : '(' graphNodePath+ ')' ;
graphNode : varOrTerm | triplesNode ;
graphNodePath : varOrTerm | triplesNodePath ;
varOrTerm : var | graphTerm ;
varOrIri : var | iri ;
var : VAR1 | VAR2 ;
graphTerm : iri | rdfLiteral | numericLiteral | booleanLiteral | blankNode | NIL ;

// ---- expressions --------------------------------------------------------------------

expression : conditionalOrExpression ;
conditionalOrExpression : conditionalAndExpression ( '||' conditionalAndExpression )* ;
conditionalAndExpression : valueLogical ( '&&' valueLogical )* ;
valueLogical : relationalExpression ;
relationalExpression : numericExpression ( op=( '=' | '!=' | '<' | '>' | '<=' | '>=' ) numericExpression
                                         | NOT? IN expressionList )? ;
numericExpression : additiveExpression ;
additiveExpression : multiplicativeExpression additiveTail* ;
additiveTail : op=( '+' | '-' ) multiplicativeExpression
             | ( numericLiteralPositive | numericLiteralNegative ) multiplicativeTail* ;
multiplicativeExpression : unaryExpression multiplicativeTail* ;
multiplicativeTail : op=( '*' | '/' ) unaryExpression ;
unaryExpression : op=( '!' | '+' | '-' )? primaryExpression ;
primaryExpression : brackettedExpression | builtInCall | iriOrFunction | rdfLiteral
                  | numericLiteral | booleanLiteral | var ;
brackettedExpression : '(' expression ')' ;
builtInCall : aggregate
            | name=( STR | LANG | DATATYPE | IRI | URI | ABS | CEIL | FLOOR | ROUND | STRLEN | UCASE
                   | LCASE | ENCODE_FOR_URI | YEAR | MONTH | DAY | HOURS | MINUTES | SECONDS
                   | TIMEZONE | TZ | MD5 | SHA1 | SHA256 | SHA384 | SHA512 | ISIRI | ISURI
                   | ISBLANK | ISLITERAL | ISNUMERIC ) '(' expression ')'
            | name=( LANGMATCHES | CONTAINS | STRSTARTS | STRENDS | STRBEFORE | STRAFTER | STRLANG
                   | STRDT | SAMETERM ) '(' expression ',' expression ')'
            | name=BOUND '(' var ')'
            | name=BNODE ( '(' expression ')' | NIL )
            | name=( RAND | NOW | UUID | STRUUID ) NIL
            | name=( CONCAT | COALESCE ) expressionList
            | name=IF '(' expression ',' expression ',' expression ')'
            | name=SUBSTR '(' expression ',' expression ( ',' expression )? ')'
            | name=REGEX '(' expression ',' expression ( ',' expression )? ')'
            | name=REPLACE '(' expression ',' expression ',' expression ( ',' expression )? ')'
            | name=EXISTS groupGraphPattern
            | name=NOT EXISTS groupGraphPattern ;
aggregate : name=COUNT '(' DISTINCT? ( '*' | expression ) ')'
          | name=( SUM | MIN | MAX | AVG | SAMPLE ) '(' DISTINCT? expression ')'
          | name=GROUP_CONCAT '(' DISTINCT? expression ( ';' SEPARATOR '=' stringLiteral )? ')' ;
iriOrFunction : iri argList? ;

rdfLiteral : stringLiteral ( LANGTAG | '^^' iri )? ;
numericLiteral : numericLiteralUnsigned | numericLiteralPositive | numericLiteralNegative ;
numericLiteralUnsigned : INTEGER | DECIMAL | DOUBLE ;
numericLiteralPositive : INTEGER_POSITIVE | DECIMAL_POSITIVE | DOUBLE_POSITIVE ;
numericLiteralNegative : INTEGER_NEGATIVE | DECIMAL_NEGATIVE | DOUBLE_NEGATIVE ;
booleanLiteral : TRUE | FALSE ;
stringLiteral : STRING_LITERAL1 | STRING_LITERAL2 | STRING_LITERAL_LONG1 | STRING_LITERAL_LONG2 ;
iri : IRIREF | prefixedName ;
prefixedName : PNAME_LN | PNAME_NS ;
blankNode : BLANK_NODE_LABEL | ANON ;

// ---- lexer: keywords ------------------------------------------------------------------

A : 'a' ;
BASE : B A_ S E ;
PREFIX : P R E F I X ;
SELECT : S E L E C T ;
DISTINCT : D I S T I N C T ;
REDUCED : R E D U C E D ;
AS : A_ S ;
CONSTRUCT : C O N S T R U C T ;
WHERE : W H E R E ;
DESCRIBE : D E S C R I B E ;
ASK : A_ S K ;
FROM : F R O M ;
NAMED : N A_ M E D ;
GROUP : G R O U P ;
BY : B Y ;
HAVING : H A_ V I N G ;
ORDER : O R D E R ;
ASC : A_ S C ;
DESC : D E S C ;
LIMIT : L I M I T ;
OFFSET : O F F S E T ;
VALUES : V A_ L U E S ;
LOAD : L O A_ D ;
SILENT : S I L E N T ;
INTO : I N T O ;
CLEAR : C L E A_ R ;
DROP : D R O P ;
CREATE : C R E A_ T E ;
ADD : A_ D D ;
TO : T O ;
MOVE : M O V E ;
COPY : C O P Y ;
INSERT : I N S E R T ;
DELETE : D E L E T E ;
DATA : D A_ T A_ ;
WITH : W I T H ;
USING : U S I N G ;
DEFAULT : D E F A_ U L T ;
GRAPH : G R A_ P H ;
ALL : A_ L L ;
OPTIONAL : O P T I O N A_ L ;
SERVICE : S E R V I C E ;
BIND : B I N D ;
UNDEF : U N D E F ;
MINUS_KW : M I N U S ;
UNION : U N I O N ;
FILTER : F I L T E R ;
NOT : N O T ;
IN : I N ;
TRUE : T R U E ;
FALSE : F A_ L S E ;
STR : S T R ;
LANG : L A_ N G ;
LANGMATCHES : L A_ N G M A_ T C H E S ;
DATATYPE : D A_ T A_ T Y P E ;
BOUND : B O U N D ;
IRI : I R I ;
URI : U R I ;
BNODE : B N O D E ;
RAND : R A_ N D ;
ABS : A_ B S ;
CEIL : C E I L ;
FLOOR : F L O O R ;
ROUND : R O U N D ;
CONCAT : C O N C A_ T ;
STRLEN : S T R L E N ;
UCASE : U C A_ S E ;
LCASE : L C A_ S E ;
ENCODE_FOR_URI : E N C O D E '_' F O R '_' U R I ;
CONTAINS : C O N T A_ I N S ;
STRSTARTS : S T R S T A_ R T S ;
STRENDS : S T R E N D S ;
STRBEFORE : S T R B E F O R E ;
STRAFTER : S T R A_ F T E R ;
YEAR : Y E A_ R ;
MONTH : M O N T H ;
DAY : D A_ Y ;
HOURS : H O U R S ;
MINUTES : M I N U T E S ;
SECONDS : S E C O N D S ;
TIMEZONE : T I M E Z O N E ;
TZ : T Z ;
NOW : N O W ;
UUID : U U I D ;
STRUUID : S T R U U I D ;
MD5 : M D '5' ;
SHA1 : S H A_ '1' ;
SHA256 : S H A_ '256' ;
SHA384 : S H A_ '384' ;
SHA512 : S H A_ '512' ;
COALESCE : C O A_ L E S C E ;
IF : I F ;
STRLANG : S T R L A_ N G ;
STRDT : S T R D T ;
SAMETERM : S A_ M E T E R M ;
ISIRI : I S I R I ;
ISURI : I S U R I ;
ISBLANK : I S B L A_ N K ;
ISLITERAL : I S L I T E R A_ L ;
ISNUMERIC : I S N U M E R I C ;
REGEX : R E G E X ;
SUBSTR : S U B S T R ;
REPLACE : R E P L A_ C E ;
EXISTS : E X I S T S ;
COUNT : C O U N T ;
SUM : S U M ;
MIN : M I N ;
MAX : M A_ X ;
AVG : A_ V G ;
SAMPLE : S A_ M P L E ;
GROUP_CONCAT : G R O U P '_' C O N C A_ T ;
SEPARATOR : S E P A_ R A_ T O R ;
// TRACE keywords
TRACE : T R A_ C E ;
VIA : V I A_ ;
STEP : S T E P ;
SHORTEST : S H O R T E S T ;
ACYCLIC : A_ C Y C L I C ;
SAMEAS : S A_ M E A_ S ;
LENGTH : L E N G T H ;
STATES : S T A_ T E S ;
PATHS : P A_ T H S ;
SCALE : S C A_ L E ;
SCALES : S C A_ L E S ;
PROPERTY : P R O P E R T Y ;
COUNTRY : C O U N T R Y ;
COUNTRIES : C O U N T R I E S ;
LABEL : L A_ B E L ;
DOWN : D O W N ;
UP : U P ;
ANY : A_ N Y ;
ASCENDING : A_ S C E N D I N G ;
DESCENDING : D E S C E N D I N G ;
SAME : S A_ M E ;
NOTE : N O T E ;

// ---- lexer: terminals (section 19.8, productions 139-173) ---------------------------

IRIREF : '<' ( ~[<>"{}|^`\\\u0000-\u0020] | UCHAR )* '>' ;
PNAME_NS : PN_PREFIX? ':' ;
PNAME_LN : PNAME_NS PN_LOCAL ;
BLANK_NODE_LABEL : '_:' ( PN_CHARS_U | [0-9] ) ( ( PN_CHARS | '.' )* PN_CHARS )? ;
VAR1 : '?' VARNAME ;
VAR2 : '$' VARNAME ;
LANGTAG : '@' [a-zA-Z]+ ( '-' [a-zA-Z0-9]+ )* ;
INTEGER : [0-9]+ ;
DECIMAL : [0-9]* '.' [0-9]+ ;
DOUBLE : [0-9]+ '.' [0-9]* EXPONENT | '.' [0-9]+ EXPONENT | [0-9]+ EXPONENT ;
INTEGER_POSITIVE : '+' INTEGER ;
DECIMAL_POSITIVE : '+' DECIMAL ;
DOUBLE_POSITIVE : '+' DOUBLE ;
INTEGER_NEGATIVE : '-' INTEGER ;
DECIMAL_NEGATIVE : '-' DECIMAL ;
DOUBLE_NEGATIVE : '-' DOUBLE ;
STRING_LITERAL1 : '\'' ( ~['\\\n\r] | ECHAR | UCHAR )* '\'' ;
STRING_LITERAL2 : '"' ( ~["\\\n\r] | ECHAR | UCHAR )* '"' ;
STRING_LITERAL_LONG1 : '\'\'\'' ( ( '\'' | '\'\'' )? ( ~['\\] | ECHAR | UCHAR ) )* '\'\'\'' ;
STRING_LITERAL_LONG2 : '"""' ( ( '"' | '""' )? ( ~["\\] | ECHAR | UCHAR ) )* '"""' ;
NIL : '(' WS_CHAR* ')' ;
ANON : '[' WS_CHAR* ']' ;

WS : WS_CHAR+ -> skip ;
COMMENT : '#' ~[\r\n]* -> skip ;

// Punctuation, named so that error messages can show them plainly.
LBRACE : '{' ; RBRACE : '}' ; LPAREN : '(' ; RPAREN : ')' ; LBRACKET : '[' ; RBRACKET : ']' ;
DOT : '.' ; SEMICOLON : ';' ; COMMA : ',' ; STAR : '*' ; SLASH : '/' ; PIPE : '|' ;
CARET : '^' ; DTYPE : '^^' ; QUESTION : '?' ; PLUS : '+' ; MINUS : '-' ; BANG : '!' ;
EQ : '=' ; NEQ : '!=' ; LT : '<' ; GT : '>' ; LE : '<=' ; GE : '>=' ; AND : '&&' ; OR : '||' ;

// A bare word that is no keyword (a misspelt one, say): one token, so errors can name it.
UNKNOWN_WORD : [A-Za-z_] [A-Za-z_0-9]* ;

// Anything else is one bad character (a readable error instead of a token recognition error).
UNEXPECTED_CHAR : . ;

fragment EXPONENT : [eE] [+-]? [0-9]+ ;
fragment ECHAR : '\\' [tbnrf"'\\] ;
// Codepoint escapes (section 19.2), accepted inside IRIs and strings.
fragment UCHAR : '\\u' HEX HEX HEX HEX | '\\U' HEX HEX HEX HEX HEX HEX HEX HEX ;
fragment WS_CHAR : [ \t\r\n] ;
fragment PN_CHARS_BASE : [A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]
                       | [\u{10000}-\u{EFFFF}] ;
fragment PN_CHARS_U : PN_CHARS_BASE | '_' ;
fragment VARNAME : ( PN_CHARS_U | [0-9] ) ( PN_CHARS_U | [0-9] | '\u00B7' | [\u0300-\u036F] | [\u203F-\u2040] )* ;
fragment PN_CHARS : PN_CHARS_U | '-' | [0-9] | '\u00B7' | [\u0300-\u036F] | [\u203F-\u2040] ;
fragment PN_PREFIX : PN_CHARS_BASE ( ( PN_CHARS | '.' )* PN_CHARS )? ;
fragment PN_LOCAL : ( PN_CHARS_U | ':' | [0-9] | PLX ) ( ( PN_CHARS | '.' | ':' | PLX )* ( PN_CHARS | ':' | PLX ) )? ;
fragment PLX : PERCENT | PN_LOCAL_ESC ;
fragment PERCENT : '%' HEX HEX ;
fragment HEX : [0-9A-Fa-f] ;
fragment PN_LOCAL_ESC : '\\' [_~.\-!$&'()*+,;=/?#@%] ;

fragment A_ : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ; fragment E : [eE] ;
fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ; fragment I : [iI] ; fragment J : [jJ] ;
fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ;
fragment P : [pP] ; fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
fragment Z : [zZ] ;
