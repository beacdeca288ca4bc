// The Corridor query language: SPARQL 1.1 query and update (W3C recommendation,
// section 19.8), written for ANTLR 4.7 (Debian's tool), plus the TRACE form.
// Keywords are case-insensitive (read as words and named in grammar/keywords.cpp; 4.7 has no
// caseInsensitive option), except 'a', as the recommendation says.
// Rule names follow the recommendation's productions, in lower camel case.
grammar Corridor;

@lexer::header {
#include "grammar/keywords.h"
}

// Keywords: words the lexer reads with UNKNOWN_WORD and names by their spelling in any case
// (grammar/keywords.cpp: the token named as the word in capitals, or with _KW after it). One rule
// a keyword made the lexer's start state hold 130 rules, which a new process paid for in its first
// query (1.1-1.7 ms of lexing a short lookup: docs/decisions.md, "Keywords are words").
tokens {
    BASE, PREFIX, SELECT, DISTINCT, REDUCED, AS, CONSTRUCT, WHERE, DESCRIBE, ASK, FROM, NAMED,
    GROUP, BY, HAVING, ORDER, ASC, DESC, LIMIT, OFFSET, VALUES, LOAD, SILENT, INTO, CLEAR, DROP,
    CREATE, ADD, TO, MOVE, COPY, INSERT, DELETE, DATA, WITH, USING, DEFAULT, GRAPH, ALL, OPTIONAL,
    SERVICE, BIND, UNDEF, MINUS_KW, UNION, FILTER, NOT, IN, TRUE, FALSE, STR, LANG, LANGMATCHES,
    DATATYPE, BOUND, IRI, URI, BNODE, RAND, ABS, CEIL, FLOOR, ROUND, CONCAT, STRLEN, UCASE, LCASE,
    ENCODE_FOR_URI, CONTAINS, STRSTARTS, STRENDS, STRBEFORE, STRAFTER, YEAR, MONTH, DAY, HOURS,
    MINUTES, SECONDS, TIMEZONE, TZ, NOW, UUID, STRUUID, COALESCE, IF, STRLANG, STRDT, SAMETERM,
    ISIRI, ISURI, ISBLANK, ISLITERAL, ISNUMERIC, REGEX, SUBSTR, REPLACE, EXISTS, COUNT, SUM, MIN,
    MAX, AVG, SAMPLE, GROUP_CONCAT, SEPARATOR, TRACE, VIA, STEP, SHORTEST, ACYCLIC, SAMEAS, LENGTH,
    STATES, PATHS, SCALE, SCALES, PROPERTY, COUNTRY, COUNTRIES, LABEL, DOWN, UP, ANY, ASCENDING,
    DESCENDING, SAME, NOTE, MD5, SHA1, SHA256, SHA384, SHA512
}

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

// ---- lexer: keywords (the rest are words: see tokens at the top) -----------------------

A : 'a' ;

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

// A word: a keyword's token if it spells one (see tokens above), else a bare word that is no
// keyword (a misspelt one, say): one token, so errors can name it.
UNKNOWN_WORD : [A-Za-z_] [A-Za-z_0-9]* { setType(keywordType(getText(), UNKNOWN_WORD)); } ;

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
